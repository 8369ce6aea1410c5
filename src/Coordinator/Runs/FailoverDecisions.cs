using System.Globalization;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// Pure decision for a shard whose replica lost its ClickHouse mid-backup (<see cref="OperationReport.ServerLost"/>): retry
/// once on a healthy sibling under the next <see cref="BackupAttempt"/> (a new backup id and folder: the lost one may still
/// hold a partial backup, and a server that comes back must never find its id reused elsewhere), or fail the shard,
/// saying why it was not retried.
/// </summary>
public static class FailoverDecisions
{
    /// <summary>Attempts a shard gets in all when <see cref="BackupFailover.Sibling"/> allows a retry.</summary>
    public const int MaxAttempts = 2;

    /// <param name="failed">What the report alone means (<see cref="RunDecisions"/>): the shard fails.</param>
    /// <param name="candidates">The shard's replicas as membership sees them now.</param>
    public static RunJournalEvent Decide(
        RunState run, ShardFailed failed, BackupFailover failover, IReadOnlyList<ReplicaCandidate> candidates, IReadOnlyList<string> priority, BackupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(layout);
        var shard = run.Shard(failed.Shard);
        var lost = $"replica {shard.Replica}'s backup {shard.OperationId} was lost: {failed.Error}";
        if (run.CancelRequestedAt is not null)
        {
            // The error already says the run was cancelled.
            return failed;
        }
        if (failover == BackupFailover.None)
        {
            return failed with { Error = $"{lost}; not retried (backup.failover is none)" };
        }
        if (shard.Attempt >= MaxAttempts)
        {
            return failed with { Error = string.Create(CultureInfo.InvariantCulture, $"{lost}; not retried again (attempt {shard.Attempt} of {MaxAttempts})") };
        }
        var siblings = candidates.Where(c => c.Replica != shard.Replica).ToList();
        var choice = ReplicaSelector.Choose(siblings, priority);
        if (!choice.Found)
        {
            var why = siblings.Count == 0 ? $"no other replica of shard {shard.Shard} has an agent" : choice.Reason;
            return failed with { Error = $"{lost}; not retried: no healthy sibling replica ({why})" };
        }
        var attempt = new BackupAttempt(RunId.Parse(run.RunId), shard.Attempt).Next();
        var kind = shard.Kind == BackupLayout.KindSegment(BackupKind.Incremental) ? BackupKind.Incremental : BackupKind.Full;
        return new ShardRetried(failed.At, shard.Shard, attempt.Number, shard.Replica!, choice.Replica!,
            OperationId.ForBackup(attempt, new ShardId(shard.Shard)).Value, layout.BackupPrefix(shard.ShardPath, kind, attempt), lost);
    }
}
