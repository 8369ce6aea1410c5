using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// <c>schedule.backup</c>: starts a cluster run (trigger <c>schedule</c>) once an agent of every known shard is
/// connected or <c>backup.agent_wait</c> has passed (a shard still without one is then reported failed by the run).
/// A slot that comes due while a run is active is skipped; the skip is also shown as an event of the active run.
/// </summary>
public sealed class BackupScheduledJob(
    IClusterRuns runs,
    AgentReadiness readiness,
    RunEventHub events,
    IOptions<BackupOptions> backup,
    TimeProvider time) : IScheduledJob
{
    public const string Key = "backup";
    public const string Trigger = "schedule";

    public async Task<ScheduledJobOutcome> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var wait = backup.Value.AgentWait;
        var coverage = await readiness.WaitAsync([], wait, cancellationToken).ConfigureAwait(false);
        if (coverage.Covered.Count == 0)
        {
            return ScheduledJobOutcome.Failed($"no agent connected within backup.agent_wait ({wait}); no run was started");
        }
        var answer = await runs.StartRunAsync(new StartRun(false, [], Trigger), cancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case RunAccepted accepted:
                return ScheduledJobOutcome.Started($"run {accepted.Run.RunId} started");
            case RunRejected { Code: "run_active" } rejected:
                if (await runs.ActiveRunAsync(cancellationToken).ConfigureAwait(false) is { } active)
                {
                    events.Publish(active.RunId, null, "schedule.skipped",
                        $"schedule {Key}: slot {slot:u} skipped, not queued: {rejected.Message}", null, time.GetUtcNow());
                }
                return ScheduledJobOutcome.Skipped($"{rejected.Message}; not queued");
            case RunRejected rejected:
                return ScheduledJobOutcome.Failed($"the run was not started: {rejected.Message}");
            default:
                return ScheduledJobOutcome.Failed($"unexpected answer {answer.GetType().Name}");
        }
    }
}
