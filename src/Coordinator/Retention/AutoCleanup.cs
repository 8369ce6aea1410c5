using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// <c>retention.auto_cleanup</c>: after a run that ended succeeded or partial, applies retention to the shards that
/// succeeded, and tells what went as run events (<c>retention.cleanup</c>) and log lines. Failures are logged and
/// published, never change the run's outcome.
/// </summary>
public sealed partial class AutoCleanup(
    IOptions<RetentionOptions> options,
    RetentionService retention,
    RunEventHub events,
    TimeProvider time,
    ILogger<AutoCleanup> logger) : IRunFinishedListener
{
    public const string CleanupEvent = "retention.cleanup";
    public const string FailedEvent = "retention.failed";

    public async Task RunFinishedAsync(RunState run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!options.Value.AutoCleanup || run.Outcome is not ("succeeded" or "partial"))
        {
            return;
        }
        var shards = run.Shards.Where(s => s.Phase == ShardPhase.Succeeded).Select(s => new ShardId(s.Shard)).ToList();
        try
        {
            var report = await retention.CleanupAsync(new CleanupOptions(DryRun: false, shards), cancellationToken).ConfigureAwait(false);
            foreach (var shard in report.Shards)
            {
                var summary = CleanupSummary.Describe(shard);
                Log.Cleaned(logger, run.RunId, shard.Shard, summary);
                events.Publish(run.RunId, shard.Shard, CleanupEvent, $"shard {shard.Shard}: retention {summary}", null, time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, run.RunId, e.Message);
            events.Publish(run.RunId, null, FailedEvent, $"retention after run {run.RunId} failed: {e.Message}", null, time.GetUtcNow());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3161, Level = LogLevel.Information, Message = "auto-cleanup after run {RunId}, shard {Shard}: {Summary}")]
        public static partial void Cleaned(ILogger logger, string runId, string shard, string summary);

        [LoggerMessage(EventId = 3162, Level = LogLevel.Error, Message = "auto-cleanup after run {RunId} failed (the run's outcome stands): {Reason}")]
        public static partial void Failed(ILogger logger, string runId, string reason);
    }
}
