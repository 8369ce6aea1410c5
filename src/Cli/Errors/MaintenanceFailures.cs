using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Errors;

/// <summary>
/// Maintenance verbs that did only part of their work: keys S3 refused to delete or shards left out exit 7 (the
/// coordinator could not finish), a deletion skipped because an operation started using a backup exits 5 (conflict).
/// </summary>
public static class MaintenanceFailures
{
    public static CliFailure? Cleanup(CleanupReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = Failures(report.Shards.SelectMany(s => s.Backups).Select(b => b.Deletion));
        var skipped = report.Shards.Where(s => s.Skipped is not null).Select(s => s.Shard).ToList();
        if (failed == 0 && skipped.Count == 0)
        {
            return null;
        }
        var parts = new List<string>();
        if (failed > 0)
        {
            parts.Add($"{failed} object(s) could not be deleted (listed above; run cleanup again, or clean-broken later)");
        }
        if (skipped.Count > 0)
        {
            parts.Add($"shard(s) {string.Join(", ", skipped)} skipped (reason above)");
        }
        return new CliFailure(ExitCodes.ServerError, "cleanup_incomplete", $"cleanup incomplete: {string.Join("; ", parts)}");
    }

    public static CliFailure? RunDeleted(DeleteRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = Failures(report.Deleted.Select(d => d.Deletion));
        if (failed > 0)
        {
            return new CliFailure(ExitCodes.ServerError, "delete_incomplete",
                $"delete of run {report.RunId} incomplete: {failed} object(s) could not be deleted (listed above); clean-broken removes what is left");
        }
        return report.Skipped.Count > 0
            ? new CliFailure(ExitCodes.Conflict, "in_use", $"run {report.RunId} not deleted on every shard: {string.Join("; ", report.Skipped)}")
            : null;
    }

    public static CliFailure? CatalogRebuilt(CatalogRebuildReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = report.Shards.Where(s => s.Error is not null).Select(s => s.Shard ?? s.ShardPath).ToList();
        return failed.Count == 0
            ? null
            : new CliFailure(ExitCodes.ServerError, "rebuild_incomplete", $"catalog of shard(s) {string.Join(", ", failed)} not rebuilt (reason above)");
    }

    public static CliFailure? CleanBroken(CleanBrokenReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = Failures(report.Folders.Select(f => f.Deletion));
        return failed == 0
            ? null
            : new CliFailure(ExitCodes.ServerError, "clean_broken_incomplete", $"{failed} object(s) could not be deleted (listed above); run clean-broken again");
    }

    private static int Failures(IEnumerable<ObjectDeletionView?> deletions) => deletions.Sum(d => d?.Failures.Count ?? 0);
}
