using ClickVault.Cluster.Shared.Api;
using Spectre.Console;
using static ClickVault.Cluster.Cli.Rendering.RunTables;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Tables about what exists: agents and catalog backups.</summary>
public static class InventoryTables
{
    /// <summary>cluster, shard, replica, host, ClickHouse version, state, ClickHouse reachable, last heartbeat age.</summary>
    public static Table Agents(IReadOnlyList<AgentView> agents, DateTimeOffset now)
    {
        var table = new Table().AddColumns("Cluster", "Shard", "Replica", "Host", "ClickHouse", "State", "ClickHouse reachable", "Last heartbeat");
        RightAlign(table, 7);
        var ordered = agents
            .OrderBy(agent => agent.Cluster, StringComparer.Ordinal)
            .ThenBy(agent => agent.Shard, ShardOrder.Instance)
            .ThenBy(agent => agent.Replica, StringComparer.Ordinal);
        foreach (var agent in ordered)
        {
            table.AddRow(
                Cell(agent.Cluster),
                Cell(agent.Shard),
                Cell(agent.Replica),
                Cell(agent.Host),
                Cell(agent.ClickHouseVersion),
                new Text(agent.State, agent.State == "connected" ? new Style(Color.Green) : new Style(Color.Red)),
                new Text(agent.ClickHouseReachable ? "yes" : "no", agent.ClickHouseReachable ? Style.Plain : new Style(Color.Red)),
                Cell(DisplayFormat.Age(now, agent.LastHeartbeatAt)));
        }

        return table;
    }

    /// <summary>address, status, reachable, singletons, and which node answered.</summary>
    public static Table Nodes(IReadOnlyList<CoordinatorNodeView> nodes)
    {
        var table = new Table().AddColumns("Coordinator node", "Status", "Reachable", "Singletons", "Answered");
        foreach (var node in nodes)
        {
            table.AddRow(
                Cell(node.Address),
                new Text(node.Status, node.Status == "up" ? new Style(Color.Green) : new Style(Color.Yellow)),
                new Text(node.Reachable ? "yes" : "no", node.Reachable ? Style.Plain : new Style(Color.Red)),
                Cell(node.HoldsSingletons ? "runs, restores, scheduler" : "-"),
                Cell(node.Self ? "yes" : "-"));
        }

        return table;
    }

    /// <summary>run, outcome, target, attempts, last error, when — in the order given (newest first).</summary>
    public static Table UndeliveredNotifications(IReadOnlyList<UndeliveredNotificationView> notifications, DateTimeOffset now)
    {
        var table = new Table().AddColumns("Run", "Outcome", "Target", "Attempts", "Last error", "Given up");
        RightAlign(table, 3);
        foreach (var notification in notifications)
        {
            table.AddRow(
                Cell(notification.RunId),
                Cell(notification.Outcome),
                Cell(notification.Target),
                Cell(notification.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(DisplayFormat.Text(notification.LastError), new Style(Color.Red)),
                Cell(DisplayFormat.Age(now, notification.At)));
        }

        return table;
    }

    /// <summary>shard, run, kind, base, chain depth, replica, files, size, finished, last verified — in the order given.</summary>
    public static Table Backups(IReadOnlyList<BackupView> backups)
    {
        var table = new Table().AddColumns("Shard", "Run", "Kind", "Base", "Chain depth", "Replica", "Files", "Size", "Finished", "Verified");
        RightAlign(table, 4, 6, 7);
        foreach (var backup in backups)
        {
            table.AddRow(
                Cell(backup.Shard),
                Cell(backup.RunId),
                Cell(backup.Kind),
                Cell(backup.BaseRunId),
                Cell(backup.ChainDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell(backup.Replica),
                Cell(DisplayFormat.Count(backup.NumFiles)),
                Cell(DisplayFormat.Bytes(backup.TotalSize)),
                Cell(DisplayFormat.Timestamp(backup.FinishedAt)),
                Cell(VerifiedText.Short(backup.LastVerified)));
        }

        return table;
    }

    /// <summary>shard, the backup last verified, and how (never verified: the missing marker and how to do it).</summary>
    public static Table LastVerified(IReadOnlyList<ShardVerifiedView> shards)
    {
        var table = new Table().AddColumns("Shard", "Backup", "Last verified restore");
        foreach (var shard in shards)
        {
            table.AddRow(
                Cell(shard.Shard),
                Cell(shard.RunId ?? DisplayFormat.Missing),
                shard.LastVerified is { Passed: false } failed
                    ? new Text(VerifiedText.Long(failed)!, new Style(Color.Red))
                    : Cell(VerifiedText.Long(shard.LastVerified) ?? "never (clickvault verify)"));
        }

        return table;
    }
}
