using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Scheduling;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// <c>schedule.verify</c>: verifies the newest backup of every shard (the same use case as <c>clickvault verify latest</c>);
/// skipped while another verification or a restore runs.
/// </summary>
public sealed class VerifyScheduledJob(VerificationService verification) : IScheduledJob
{
    public const string Key = "verify";

    public async Task<ScheduledJobOutcome> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        try
        {
            var report = await verification.VerifyAsync(new VerifyOptions(null, null), cancellationToken).ConfigureAwait(false);
            var shards = string.Join("; ", report.Shards.Select(s => $"shard {s.Shard} {(s.Passed ? "passed" : "FAILED")}: {VerifyPlanner.Summary(s)}"));
            return report.Passed
                ? ScheduledJobOutcome.Started($"verification {report.VerificationId} passed: {shards}")
                : ScheduledJobOutcome.Failed($"verification {report.VerificationId} failed: {shards}");
        }
        catch (RestoreRefusedException e) when (e.Code is "verify_active" or "restore_active")
        {
            return ScheduledJobOutcome.Skipped(e.Message);
        }
        catch (RestoreRefusedException e)
        {
            return ScheduledJobOutcome.Failed(e.Message);
        }
    }
}
