using ClickVault.Cluster.Shared.Api;
using Spectre.Console;
using Spectre.Console.Rendering;
using static ClickVault.Cluster.Cli.Rendering.RunTables;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Tables of the maintenance verbs: retention decisions, deleted backups, rebuilt catalogs, broken folders.</summary>
public static class RetentionTables
{
    /// <summary>shard, run, kind, base, decision, reason, size, and (not a dry run) what was deleted.</summary>
    public static Table Decisions(CleanupReport report)
    {
        var table = new Table().AddColumns("Shard", "Run", "Kind", "Base", "Decision", "Reason", "Size");
        if (!report.DryRun)
        {
            table.AddColumn("Deleted");
        }
        RightAlign(table, 6);
        NoWrap(table, 0, 1, 4, 6);
        foreach (var shard in report.Shards.OrderBy(s => s.Shard, ShardOrder.Instance))
        {
            foreach (var backup in shard.Backups.OrderBy(b => b.RunId, StringComparer.Ordinal))
            {
                var row = new List<IRenderable>
                {
                    Cell(shard.Shard), Cell(backup.RunId), Cell(backup.Kind), Cell(backup.BaseRunId), Decision(backup.Decision, report.DryRun),
                    Cell(backup.Reason), Cell(DisplayFormat.Bytes(backup.TotalSize)),
                };
                if (!report.DryRun)
                {
                    row.Add(Cell(backup.Deletion is { } d ? Deletion(d) : null));
                }
                table.AddRow(row);
            }
        }
        return table;
    }

    /// <summary>shard, run, kind, reason, objects, size — newest first per shard, as deleted.</summary>
    public static Table Deleted(DeleteRunReport report)
    {
        var table = new Table().AddColumns("Shard", "Run", "Kind", "Reason", "Deleted");
        NoWrap(table, 0, 1);
        foreach (var backup in report.Deleted)
        {
            table.AddRow(Cell(backup.Shard), Cell(backup.RunId), Cell(backup.Kind), Cell(backup.Reason), Cell(Deletion(backup.Deletion)));
        }
        return table;
    }

    /// <summary>shard, shard path, found, added, dropped, unusable sidecars, note.</summary>
    public static Table Rebuilt(CatalogRebuildReport report)
    {
        var table = new Table().AddColumns("Shard", "Shard path", "Found", "Added", "Dropped", "Unusable sidecars", "Note");
        RightAlign(table, 2, 3, 4, 5);
        foreach (var shard in report.Shards)
        {
            var note = shard.Error is not null ? "not rebuilt (see below)" : shard.OldIndexUnreadable ? "old index was unreadable" : null;
            table.AddRow(
                Cell(shard.Shard), Cell(shard.ShardPath), Number(shard.Found), Number(shard.Added.Count), Number(shard.Dropped.Count),
                Number(shard.Unusable.Count), new Text(DisplayFormat.Text(note), shard.Error is null ? Style.Plain : new Style(Color.Red)));
        }
        return table;
    }

    /// <summary>shard path, kind, run, objects, size, age, decision, reason, and (not a dry run) what was deleted.</summary>
    public static Table Broken(CleanBrokenReport report)
    {
        var table = new Table().AddColumns("Shard path", "Kind", "Run", "Objects", "Size", "Age", "Decision", "Reason");
        if (!report.DryRun)
        {
            table.AddColumn("Deleted");
        }
        RightAlign(table, 3, 4, 5);
        NoWrap(table, 0, 2, 3, 4, 5);
        foreach (var folder in report.Folders)
        {
            var row = new List<IRenderable>
            {
                Cell(folder.ShardPath), Cell(folder.Kind), Cell(folder.RunId), Number(folder.Objects), Cell(DisplayFormat.Bytes((ulong)folder.Bytes)),
                Cell(DisplayFormat.Duration(TimeSpan.FromSeconds(folder.AgeSeconds))), Decision(folder.Decision, report.DryRun), Cell(folder.Reason),
            };
            if (!report.DryRun)
            {
                row.Add(Cell(folder.Deletion is { } d ? Deletion(d) : null));
            }
            table.AddRow(row);
        }
        return table;
    }

    /// <summary><c>84 objects, 1.2 MiB</c>, with the failures counted when some keys were not deleted.</summary>
    public static string Deletion(ObjectDeletionView deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        var done = $"{DisplayFormat.Count((ulong)deletion.ObjectsDeleted)} objects, {DisplayFormat.Bytes((ulong)deletion.BytesDeleted)}";
        return deletion.Failures.Count == 0 ? done : $"{done}; {deletion.Failures.Count} failed";
    }

    /// <summary>remove / delete in a dry run reads "would remove" / "would delete".</summary>
    private static Text Decision(string decision, bool dryRun) =>
        decision == RetentionDecisions.Keep
            ? new Text(decision, new Style(Color.Green))
            : new Text(dryRun ? $"would {decision}" : decision, new Style(Color.Red));

    private static IRenderable Number(long value) => Cell(DisplayFormat.Count((ulong)value));
}
