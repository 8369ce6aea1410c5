using System.Globalization;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;
using static ClickVault.Cluster.Cli.Rendering.RunTables;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary><c>describe</c> for people: a run's summary table, and each backup as a grid of fields with its chain.</summary>
public static class DescribeLayout
{
    public static string RunHeadline(RunDescription run) =>
        $"Run {run.RunId} on cluster {run.Cluster}: {run.State}" +
        $" (trigger {run.Trigger}{(run.FullRequested ? ", full backup requested" : string.Empty)}{(run.Active ? ", active" : string.Empty)})";

    public static string RunTimes(RunDescription run) =>
        $"started {DisplayFormat.Timestamp(run.StartedAt)}, finished {DisplayFormat.Timestamp(run.FinishedAt)}, " +
        $"took {Seconds(run.DurationSeconds)}; read from the run {(run.Source == "journal" ? "journal (active run)" : "manifest")}";

    /// <summary>shard, state, kind, replica, base, files, size, duration.</summary>
    public static Table Shards(RunDescription run)
    {
        var table = new Table().AddColumns("Shard", "State", "Kind", "Replica", "Base", "Files", "Size", "Duration");
        RightAlign(table, 5, 6, 7);
        foreach (var shard in run.Shards.OrderBy(s => s.Shard, ShardOrder.Instance))
        {
            table.AddRow(
                Cell(shard.Shard),
                new Text(shard.State, StateStyle(shard.State)),
                Cell(shard.Kind),
                Cell(shard.Replica),
                Cell(shard.BaseRunId),
                Cell(DisplayFormat.Count(shard.NumFiles)),
                Cell(DisplayFormat.Bytes(shard.TotalSize)),
                Cell(Seconds(shard.DurationSeconds)));
        }

        return table;
    }

    public static string BackupHeadline(BackupDescription backup) =>
        $"Backup of shard {backup.Shard} in run {backup.RunId} on cluster {backup.Cluster}: {backup.State}";

    /// <summary>Every field of one backup, one per row.</summary>
    public static Grid Fields(BackupDescription backup)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "State", backup.State, StateStyle(backup.State));
        if (backup.Error is { Length: > 0 } error)
        {
            Row(grid, "Error", error, new Style(Color.Red));
        }

        Row(grid, "Reason", backup.Reason);
        Row(grid, "Kind", backup.Kind is null ? null : backup.ChainDepth is { } depth ? $"{backup.Kind} (chain depth {depth})" : backup.Kind);
        Row(grid, "Base", backup.BaseRunId ?? (backup.Kind == "full" ? "none (a full backup starts its chain)" : null));
        Row(grid, "Chain", ChainText(backup));
        Row(grid, "Replica", backup.Replica is { } replica && backup.ReplicaReason is { } why ? $"{replica} ({why})" : backup.Replica);
        Row(grid, "ClickHouse", backup.ClickHouseVersion);
        Row(grid, "Databases", backup.Databases.Count == 0 ? null : string.Join(", ", backup.Databases));
        Row(grid, "Files", DisplayFormat.Count(backup.NumFiles));
        Row(grid, "Total size", Size(backup.TotalSize));
        Row(grid, "Compressed", Size(backup.CompressedSize));
        Row(grid, "Uncompressed", Size(backup.UncompressedSize));
        Row(grid, "Started", DisplayFormat.Timestamp(backup.StartedAt));
        Row(grid, "Finished", DisplayFormat.Timestamp(backup.FinishedAt));
        Row(grid, "Duration", Seconds(backup.DurationSeconds));
        Row(grid, "Prefix", backup.Prefix);
        Row(grid, "Sidecar", backup.SidecarKey ?? "none: not restorable (a backup is complete only once its sidecar is written)");
        Row(grid, "Verified", VerifiedText.Long(backup.LastVerified) ?? "never (clickvault verify)");
        return grid;
    }

    /// <summary><c>full 20260101T020000Z → incremental 20260102T020000Z → ...</c>, marking this backup and a broken chain.</summary>
    public static string ChainText(BackupDescription backup)
    {
        if (backup.Chain.Count == 0)
        {
            return backup.ChainComplete ? DisplayFormat.Missing : "broken: its base is not in the shard's catalog";
        }

        var links = backup.Chain.Select(link => link.RunId == backup.RunId ? $"{link.Kind} {link.RunId} (this backup)" : $"{link.Kind} {link.RunId}");
        var text = string.Join(" → ", links);
        if (!backup.ChainComplete)
        {
            text = $"broken (the base of {backup.Chain[0].RunId} is not in the shard's catalog): {text}";
        }
        else if (backup.Chain[^1].RunId != backup.RunId)
        {
            text += " (this backup is not in the catalog)";
        }

        return text;
    }

    internal static string Seconds(double? seconds) =>
        seconds is { } value ? DisplayFormat.Duration(TimeSpan.FromSeconds(value)) : DisplayFormat.Missing;

    private static string Size(ulong bytes) =>
        bytes < 1024 ? DisplayFormat.Bytes(bytes) : $"{DisplayFormat.Bytes(bytes)} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} B)";

    private static void Row(Grid grid, string label, string? value, Style? style = null) =>
        grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(DisplayFormat.Text(value), style ?? Style.Plain));

    private static Style StateStyle(string state) => state switch
    {
        RunStates.Succeeded => new Style(Color.Green),
        RunStates.Failed or RunStates.Cancelled => new Style(Color.Red),
        RunStates.Partial => new Style(Color.Yellow),
        _ => Style.Plain,
    };
}
