using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Maintenance verbs for people: one table, the problems below it in plain lines, and a one-line summary.</summary>
public sealed partial class HumanRenderer
{
    public void Cleanup(CleanupReport report)
    {
        var days = report.Policy.KeepDays is { } d ? $"keep_days = {d}" : "keep_days not set";
        console.WriteLine($"Retention: keep_full_backups = {report.Policy.KeepFullBackups}, {days}.{(report.DryRun ? " Dry run: nothing was deleted." : "")}");
        var backups = report.Shards.SelectMany(s => s.Backups).ToList();
        if (backups.Count > 0)
        {
            console.Write(RetentionTables.Decisions(report));
        }
        foreach (var shard in report.Shards.Where(s => s.Skipped is not null))
        {
            output.WriteLine($"shard {shard.Shard} skipped: {shard.Skipped}");
        }
        WriteFailures(report.Shards.SelectMany(s => s.Backups).Select(b => b.Deletion));

        var removed = backups.Where(b => b.Decision == RetentionDecisions.Remove).ToList();
        var shards = report.Shards.Count(s => s.Backups.Any(b => b.Decision == RetentionDecisions.Remove));
        var size = DisplayFormat.Bytes(removed.Aggregate(0UL, (sum, b) => sum + b.TotalSize));
        var kept = backups.Count - removed.Count;
        console.WriteLine(report.DryRun
            ? $"Would remove {removed.Count} backup(s) of {shards} shard(s), {size}; {kept} kept. Run without --dry-run to delete them."
            : $"Removed {removed.Count(b => b.Deletion is { Failures.Count: 0 })} of {removed.Count} backup(s) of {shards} shard(s), {size}; {kept} kept.");
    }

    public void RunDeleted(DeleteRunReport report)
    {
        if (report.Deleted.Count > 0)
        {
            console.Write(RetentionTables.Deleted(report));
        }
        foreach (var skipped in report.Skipped)
        {
            output.WriteLine($"skipped: {skipped}");
        }
        WriteFailures(report.Deleted.Select(d => d.Deletion));
        var objects = report.Deleted.Sum(d => d.Deletion.ObjectsDeleted);
        var bytes = (ulong)report.Deleted.Sum(d => d.Deletion.BytesDeleted);
        console.WriteLine(
            $"Deleted {report.Deleted.Count} backup(s) of run {report.RunId} on {report.Deleted.Select(d => d.Shard).Distinct(StringComparer.Ordinal).Count()} shard(s): " +
            $"{DisplayFormat.Count((ulong)objects)} object(s), {DisplayFormat.Bytes(bytes)}.");
    }

    public void CatalogRebuilt(CatalogRebuildReport report)
    {
        if (report.Shards.Count == 0)
        {
            console.WriteLine("No shard folders found and no agent connected: nothing to rebuild.");
            return;
        }
        console.Write(RetentionTables.Rebuilt(report));
        foreach (var shard in report.Shards)
        {
            var name = shard.Shard ?? shard.ShardPath;
            if (shard.Error is { } error)
            {
                output.WriteLine($"shard {name}: {error}");
            }
            if (shard.Added.Count > 0)
            {
                output.WriteLine($"shard {name}: added {string.Join(", ", shard.Added)}");
            }
            if (shard.Dropped.Count > 0)
            {
                output.WriteLine($"shard {name}: dropped (no usable sidecar) {string.Join(", ", shard.Dropped)}");
            }
            foreach (var unusable in shard.Unusable)
            {
                output.WriteLine($"shard {name}: unusable sidecar {unusable.Key}: {unusable.Reason}");
            }
        }
        var rebuilt = report.Shards.Count(s => s.Error is null);
        console.WriteLine($"Rebuilt {rebuilt} of {report.Shards.Count} shard catalog(s): {report.Shards.Sum(s => s.Found)} backup(s) indexed.");
    }

    public void CleanBroken(CleanBrokenReport report)
    {
        var age = DisplayFormat.Duration(TimeSpan.FromSeconds(report.OlderThanSeconds));
        if (report.Folders.Count == 0)
        {
            console.WriteLine($"No backup folder without a sidecar.{(report.DryRun ? " (dry run)" : "")}");
            return;
        }
        console.Write(RetentionTables.Broken(report));
        WriteFailures(report.Folders.Select(f => f.Deletion));
        var doomed = report.Folders.Where(f => f.Decision == RetentionDecisions.Delete).ToList();
        var size = DisplayFormat.Bytes((ulong)doomed.Sum(f => f.Bytes));
        var objects = DisplayFormat.Count((ulong)doomed.Sum(f => f.Objects));
        console.WriteLine(report.DryRun
            ? $"Dry run: would delete {doomed.Count} broken folder(s) older than {age} ({objects} object(s), {size}); {report.Folders.Count - doomed.Count} kept. Nothing was deleted."
            : $"Deleted {doomed.Count(f => f.Deletion is { Failures.Count: 0 })} of {doomed.Count} broken folder(s) older than {age} ({objects} object(s), {size}); {report.Folders.Count - doomed.Count} kept.");
    }

    /// <summary>Every key S3 refused to delete, one plain line each.</summary>
    private void WriteFailures(IEnumerable<ObjectDeletionView?> deletions)
    {
        foreach (var failure in deletions.SelectMany(d => d?.Failures ?? []))
        {
            output.WriteLine($"not deleted: {failure.Key} ({failure.Code}: {failure.Message})");
        }
    }
}
