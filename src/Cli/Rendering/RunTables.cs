using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Tables about runs: the per-shard summary of a finished run, live shard states, and the recent runs.</summary>
public static class RunTables
{
    /// <summary>
    /// shard, replica, kind, base, files, size, written, duration, state — with a failed shard's error in the state
    /// cell when <paramref name="withErrors"/> (wide consoles; otherwise the caller prints the errors below).
    /// </summary>
    public static Table Summary(RunView run, bool withErrors)
    {
        var table = new Table()
            .Title($"Run {Markup.Escape(run.RunId)} on {Markup.Escape(run.Cluster)}: {Markup.Escape(run.State)}")
            .AddColumns("Shard", "Replica", "Kind", "Base", "Files", "Size", "Written", "Duration", "State");
        RightAlign(table, 4, 5, 6, 7);
        NoWrap(table, 0, 4, 5, 6, 7);
        foreach (var shard in Ordered(run.Shards))
        {
            table.AddRow(
                Cell(shard.Shard),
                Cell(shard.Replica),
                Cell(shard.Kind),
                Cell(shard.BaseRunId),
                Cell(DisplayFormat.Count(shard.NumFiles)),
                Cell(DisplayFormat.Bytes(shard.TotalSize)),
                Cell(DisplayFormat.Bytes(shard.BytesWritten)),
                Cell(DisplayFormat.Duration(shard.StartedAt, shard.FinishedAt)),
                State(shard, withErrors));
        }

        return table;
    }

    /// <summary>The shards of a run in progress (status): shard, replica, kind, state, progress, files, written.</summary>
    public static Table Shards(RunView run)
    {
        var table = new Table().AddColumns("Shard", "Replica", "Kind", "Base", "State", "Progress", "Files", "Written");
        RightAlign(table, 5, 6, 7);
        NoWrap(table, 0, 5, 6, 7);
        foreach (var shard in Ordered(run.Shards))
        {
            table.AddRow(
                Cell(shard.Shard),
                Cell(shard.Replica),
                Cell(shard.Kind),
                Cell(shard.BaseRunId),
                State(shard, withError: true),
                Cell(DisplayFormat.Percent(shard.Progress)),
                Cell(DisplayFormat.Count(shard.NumFiles)),
                Cell(DisplayFormat.Bytes(shard.BytesWritten)));
        }

        return table;
    }

    /// <summary>run, trigger, state, shards ok/failed/total, size, started, duration.</summary>
    public static Table Recent(IReadOnlyList<RunView> runs)
    {
        var table = new Table().AddColumns("Run", "Trigger", "State", "Shards ok/failed/total", "Size", "Started", "Duration");
        RightAlign(table, 3, 4, 6);
        foreach (var run in runs.OrderByDescending(run => run.StartedAt))
        {
            var ok = run.Shards.Count(shard => shard.State == RunStates.Succeeded);
            var failed = run.Shards.Count(shard => shard.State == RunStates.Failed);
            var size = run.Shards.Aggregate(0UL, (sum, shard) => sum + shard.TotalSize);
            table.AddRow(
                Cell(run.RunId),
                Cell(run.Trigger),
                Cell(run.State),
                Cell($"{ok}/{failed}/{run.Shards.Count}"),
                Cell(DisplayFormat.Bytes(size)),
                Cell(DisplayFormat.Timestamp(run.StartedAt)),
                Cell(DisplayFormat.Duration(run.StartedAt, run.FinishedAt)));
        }

        return table;
    }

    /// <summary>The state, with the error for a failed shard ("failed: Code: 243 NOT_ENOUGH_SPACE ...").</summary>
    public static string StateText(ShardRunView shard) =>
        shard.Error is { Length: > 0 } error ? $"{shard.State}: {error}" : shard.State;

    internal static IEnumerable<ShardRunView> Ordered(IEnumerable<ShardRunView> shards) =>
        shards.OrderBy(shard => shard.Shard, ShardOrder.Instance);

    internal static IRenderable Cell(string? text) => new Text(DisplayFormat.Text(text));

    internal static void RightAlign(Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].RightAligned();
        }
    }

    internal static void NoWrap(Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].NoWrap();
        }
    }

    private static IRenderable State(ShardRunView shard, bool withError) =>
        new Text(withError ? StateText(shard) : shard.State, shard.State switch
        {
            RunStates.Failed => new Style(Color.Red),
            RunStates.Succeeded => new Style(Color.Green),
            _ => Style.Plain,
        });
}
