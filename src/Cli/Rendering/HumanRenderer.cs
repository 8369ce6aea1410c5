using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// Output for people: Spectre tables, live progress bars on a terminal, one line per event otherwise
/// (<paramref name="live"/> false: pipes, CI logs). Server text is always rendered as text, never as markup.
/// </summary>
public sealed partial class HumanRenderer(IAnsiConsole console, TextWriter output, TimeProvider time, bool live) : IOutputRenderer
{
    public void RunStarted(RunView run) => console.WriteLine(RunEventLines.StartedLine(run));

    public Task<RunView> FollowRunAsync(RunView started, IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken) =>
        live
            ? new LiveRunProgress(console).FollowAsync(started, updates, cancellationToken)
            : new RunEventLines(output, time).FollowAsync(started, updates, cancellationToken);

    /// <summary>Consoles at least this wide get errors inside the summary table; narrower ones get them below it.</summary>
    public const int InlineErrorWidth = 140;

    public void RunSummary(RunView run)
    {
        var inline = console.Profile.Width >= InlineErrorWidth;
        console.WriteLine();
        console.Write(RunTables.Summary(run, withErrors: inline));
        if (!inline)
        {
            foreach (var shard in RunTables.Ordered(run.Shards).Where(shard => shard.Error is { Length: > 0 }))
            {
                // Plain, so the terminal soft-wraps it and the text stays searchable (Spectre would hard-wrap it).
                output.WriteLine($"shard {shard.Shard} {shard.State}: {shard.Error}");
            }
        }

        var succeeded = run.Shards.Count(shard => shard.State == RunStates.Succeeded);
        var failed = run.Shards.Count(shard => shard.State == RunStates.Failed);
        var written = run.Shards.Aggregate(0UL, (sum, shard) => sum + shard.BytesWritten);
        console.WriteLine(
            $"run {run.RunId} {run.State} in {DisplayFormat.Duration(run.StartedAt, run.FinishedAt)}: " +
            $"{succeeded} of {run.Shards.Count} shard(s) succeeded, {failed} failed, {DisplayFormat.Bytes(written)} written");
    }

    public void Agents(IReadOnlyList<AgentView> agents, IReadOnlyList<CoordinatorNodeView> nodes)
    {
        if (agents.Count == 0)
        {
            console.WriteLine("No agents are known to the coordinator: start an agent next to each ClickHouse replica.");
        }
        else
        {
            console.Write(InventoryTables.Agents(agents, time.GetUtcNow()));
        }

        console.WriteLine();
        console.WriteLine(TierLine(nodes));
        console.Write(InventoryTables.Nodes(nodes));
    }

    private static string TierLine(IReadOnlyList<CoordinatorNodeView> nodes)
    {
        var up = nodes.Count(node => node.Status == "up");
        var unreachable = nodes.Count(node => !node.Reachable);
        var holder = nodes.FirstOrDefault(node => node.HoldsSingletons)?.Address ?? "no node (none is up)";
        return $"Coordinator tier: {nodes.Count} node(s), {up} up, {unreachable} unreachable; the singletons run on {holder}";
    }

    public void Status(StatusView status)
    {
        var connected = status.Agents.Count(agent => agent.State == "connected");
        var unreachable = status.Agents.Count(agent => !agent.ClickHouseReachable);
        var shards = status.Agents.Select(agent => agent.Shard).Distinct(StringComparer.Ordinal).Count();
        console.WriteLine(
            $"Cluster {status.Cluster}: {status.Agents.Count} agent(s) on {shards} shard(s), {connected} connected, " +
            $"{unreachable} with ClickHouse unreachable");
        if (status.Nodes.Count > 0)
        {
            console.WriteLine(TierLine(status.Nodes));
        }
        console.WriteLine();
        if (status.ActiveRun is { } run)
        {
            console.WriteLine(
                $"Active run {run.RunId} ({run.Trigger}, {run.State}, started {DisplayFormat.Timestamp(run.StartedAt)}, " +
                $"running for {DisplayFormat.Duration(time.GetUtcNow() - run.StartedAt)})");
            console.Write(RunTables.Shards(run));
        }
        else
        {
            console.WriteLine("No active run.");
        }

        console.WriteLine();
        if (status.RecentRuns.Count == 0)
        {
            console.WriteLine("No runs yet.");
        }
        else
        {
            console.WriteLine("Recent runs:");
            console.Write(RunTables.Recent(status.RecentRuns));
        }

        if (status.LastVerified.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Last verified restore per shard:");
            console.Write(InventoryTables.LastVerified(status.LastVerified));
        }

        if (status.UndeliveredNotifications.Count > 0)
        {
            console.WriteLine();
            console.WriteLine($"Undelivered notifications ({status.UndeliveredNotifications.Count}, newest first):");
            console.Write(InventoryTables.UndeliveredNotifications(status.UndeliveredNotifications, time.GetUtcNow()));
        }
    }

    public void Backups(IReadOnlyList<BackupView> backups)
    {
        if (backups.Count == 0)
        {
            console.WriteLine("No backups match.");
            return;
        }

        console.Write(InventoryTables.Backups(backups));
        var size = backups.Aggregate(0UL, (sum, backup) => sum + backup.TotalSize);
        var shards = backups.Select(backup => backup.Shard).Distinct(StringComparer.Ordinal).Count();
        console.WriteLine($"{backups.Count} backup(s) of {shards} shard(s), {DisplayFormat.Bytes(size)} in total");
    }
}
