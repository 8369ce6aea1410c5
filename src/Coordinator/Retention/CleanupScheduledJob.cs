using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// <c>schedule.cleanup</c>: applies retention to every known shard (the same use case as <c>clickvault cleanup</c>);
/// it waits for a maintenance operation already running, and never touches a backup an operation in progress uses.
/// </summary>
public sealed class CleanupScheduledJob(RetentionService retention) : IScheduledJob
{
    public const string Key = "cleanup";

    public async Task<ScheduledJobOutcome> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var report = await retention.CleanupAsync(new CleanupOptions(false, []), cancellationToken).ConfigureAwait(false);
        var removed = report.Shards.Sum(s => s.Backups.Count(b => b.Decision == RetentionDecisions.Remove));
        var skipped = report.Shards.Where(s => s.Skipped is not null).Select(s => $"shard {s.Shard}: {s.Skipped}").ToList();
        var message = $"retention removed {removed} backup(s) on {report.Shards.Count} shard(s)"
            + (skipped.Count > 0 ? $"; skipped {string.Join("; ", skipped)}" : "");
        return skipped.Count > 0 ? ScheduledJobOutcome.Failed(message) : ScheduledJobOutcome.Started(message);
    }
}
