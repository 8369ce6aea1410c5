using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Restores;

public enum ReplicaPhase
{
    Planned,
    Dropping,
    Dispatched,
    Running,
    Succeeded,
    Failed,
}

/// <summary>The backup a shard restores from; <see cref="Chain"/> holds the run ids from the full to this backup.</summary>
public sealed record RestoreSource(string RunId, string Kind, string Prefix, IReadOnlyList<string> Chain);

/// <summary>One target replica: its RESTORE (masked), the tables it drops first, the latest report and the outcome.</summary>
public sealed record RestoreReplicaState(
    string Replica,
    string OperationId,
    ReplicaPhase Phase,
    string? Sql,
    IReadOnlyList<TableRef> Drops,
    IReadOnlyList<TableFigures> Conflicts,
    OperationReport? LastReport,
    string? Error,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsTerminal => Phase is ReplicaPhase.Succeeded or ReplicaPhase.Failed;
}

/// <summary>One shard: its backup, what it restores (the <see cref="Spec"/> each replica runs) and its replicas.</summary>
public sealed record RestoreShardState(
    string Shard,
    RestoreSource Source,
    IReadOnlyList<string> Tables,
    string ReplicaChoice,
    RestoreSpec Spec,
    IReadOnlyList<RestoreReplicaState> Replicas)
{
    /// <summary>succeeded once every replica restored; failed once every replica ended and one failed; else running or planned.</summary>
    public string State =>
        Replicas.All(r => r.Phase == ReplicaPhase.Succeeded) ? "succeeded"
        : Replicas.All(r => r.IsTerminal) ? "failed"
        : Replicas.All(r => r.Phase == ReplicaPhase.Planned) ? "planned"
        : "running";

    public string? Error => Replicas.FirstOrDefault(r => r.Error is not null) is { } failed ? $"{failed.Replica}: {failed.Error}" : null;
}

/// <summary>
/// A restore: the state every decision reads, changed only by <see cref="Apply"/> of a <see cref="RestoreEvent"/>.
/// Journaled while it runs (<see cref="RestoreJournal"/>); a restore in progress is not resumed after a coordinator restart, but
/// marked interrupted (<see cref="RestoreDecisions.OnInterrupted"/>).
/// </summary>
public sealed record RestoreState(
    string RestoreId,
    string Cluster,
    string Run,
    bool Replace,
    string? AsDatabase,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<RestoreShardState> Shards)
{
    public bool IsFinished => FinishedAt is not null;

    public bool AllReplicasTerminal => Shards.All(s => s.Replicas.All(r => r.IsTerminal));

    /// <summary>succeeded when every shard did, failed when none did, partial otherwise; running until finished.</summary>
    public string Outcome => !IsFinished ? "running"
        : Shards.All(s => s.State == "succeeded") ? "succeeded"
        : Shards.Any(s => s.State == "succeeded") ? "partial"
        : "failed";

    /// <summary>Every conflict of every target replica, as operators read them.</summary>
    public IReadOnlyList<string> Conflicts() =>
    [
        .. Shards.SelectMany(s => s.Replicas.SelectMany(r => r.Conflicts.Select(c =>
            RestorePlanner.Describe(new Shared.Layout.ShardId(s.Shard), r.Replica, c)))),
    ];

    public RestoreTarget? ByOperation(string operationId) =>
        Shards.SelectMany(s => s.Replicas.Select(r => new RestoreTarget(s, r))).FirstOrDefault(x => x.Replica.OperationId == operationId);

    public RestoreState Apply(RestoreEvent e) => e switch
    {
        ReplicaDropping d => Update(d.Shard, d.Replica, r => r with { Phase = ReplicaPhase.Dropping }),
        ReplicaDispatched d => Update(d.Shard, d.Replica, r => r with { Phase = ReplicaPhase.Dispatched, DispatchedAt = d.At }),
        ReplicaProgressed p => Update(p.Shard, p.Replica, r => r with { Phase = ReplicaPhase.Running, LastReport = p.Report }),
        ReplicaSucceeded ok => Update(ok.Shard, ok.Replica, r => r with { Phase = ReplicaPhase.Succeeded, LastReport = ok.Report, FinishedAt = ok.At }),
        ReplicaFailed f => Update(f.Shard, f.Replica, r => r with { Phase = ReplicaPhase.Failed, Error = f.Error, FinishedAt = f.At }),
        RestoreFinished f => this with { FinishedAt = f.At },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown restore event"),
    };

    private RestoreState Update(string shard, string replica, Func<RestoreReplicaState, RestoreReplicaState> change) => this with
    {
        Shards = [.. Shards.Select(s => s.Shard != shard ? s : s with { Replicas = [.. s.Replicas.Select(r => r.Replica == replica ? change(r) : r)] })],
    };
}

/// <summary>A replica of a shard of a restore.</summary>
public sealed record RestoreTarget(RestoreShardState Shard, RestoreReplicaState Replica);

/// <summary>A change of a restore's state.</summary>
public abstract record RestoreEvent(DateTimeOffset At);

/// <summary>The replica's target tables are being dropped (<c>--replace</c>).</summary>
public sealed record ReplicaDropping(DateTimeOffset At, string Shard, string Replica) : RestoreEvent(At);

public sealed record ReplicaDispatched(DateTimeOffset At, string Shard, string Replica) : RestoreEvent(At);

public sealed record ReplicaProgressed(DateTimeOffset At, string Shard, string Replica, OperationReport Report) : RestoreEvent(At);

public sealed record ReplicaSucceeded(DateTimeOffset At, string Shard, string Replica, OperationReport Report) : RestoreEvent(At);

public sealed record ReplicaFailed(DateTimeOffset At, string Shard, string Replica, string Error) : RestoreEvent(At);

public sealed record RestoreFinished(DateTimeOffset At) : RestoreEvent(At);

/// <summary>Pure decisions of a restore: what a report or a failure means for its state.</summary>
public static class RestoreDecisions
{
    /// <summary>
    /// A report from <paramref name="replica"/>: reports about another replica's operation, an unknown operation or a
    /// finished replica change nothing (late or duplicate messages are harmless).
    /// </summary>
    public static IReadOnlyList<RestoreEvent> OnReport(RestoreState restore, string replica, OperationReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(report);
        if (restore.ByOperation(report.OperationId) is not { } found || !Listening(found.Replica, replica))
        {
            return [];
        }

        var (shard, target) = found;
        return report.State switch
        {
            OperationState.Running when target.LastReport != report => [new ReplicaProgressed(now, shard.Shard, replica, report)],
            OperationState.Succeeded => [new ReplicaSucceeded(now, shard.Shard, replica, report)],
            OperationState.Failed or OperationState.Cancelled =>
                [new ReplicaFailed(now, shard.Shard, replica, report.Error.Length > 0 ? report.Error : $"restore {report.State.ToString().ToLowerInvariant()}")],
            _ => [],
        };
    }

    /// <summary>An explicit failure (<see cref="RestoreFailed"/> carries ClickHouse's text).</summary>
    public static IReadOnlyList<RestoreEvent> OnFailure(RestoreState restore, string replica, OperationReport report, string error, DateTimeOffset now) =>
        restore.ByOperation(report.OperationId) is { } found && Listening(found.Replica, replica)
            ? [new ReplicaFailed(now, found.Shard.Shard, replica, error)]
            : [];

    /// <summary>Reports count only from the target's own replica, once its restore was dispatched and until it ended.</summary>
    private static bool Listening(RestoreReplicaState target, string replica) =>
        !target.IsTerminal && target.Replica == replica && target.Phase is not (ReplicaPhase.Planned or ReplicaPhase.Dropping);

    /// <summary>
    /// A restore the coordinator was running when it stopped (found in its journal at start-up): every replica that had not
    /// ended fails, saying what may still be happening on it, and the restore ends. Its RESTORE operations are not resumed.
    /// </summary>
    public static IReadOnlyList<RestoreEvent> OnInterrupted(RestoreState restore, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(restore);
        IReadOnlyList<RestoreEvent> failures =
        [
            .. restore.Shards.SelectMany(s => s.Replicas.Where(r => !r.IsTerminal).Select(r => new ReplicaFailed(now, s.Shard, r.Replica, r.Phase switch
            {
                ReplicaPhase.Planned => "not started: the coordinator stopped before this replica's restore was dispatched",
                ReplicaPhase.Dropping => "interrupted by a coordinator stop while dropping the target tables (--replace): some may be gone; restore again",
                _ => $"the coordinator stopped while RESTORE {r.OperationId} ran: it may still run or have finished on {r.Replica} " +
                     $"(system.backups id '{r.OperationId}'); check the tables, or restore again with --replace",
            }))),
        ];
        return restore.IsFinished ? failures : [.. failures, new RestoreFinished(now)];
    }

    /// <summary>Whether every replica is in the same phase in both states (only progress figures differ).</summary>
    public static bool SamePhases(RestoreState a, RestoreState b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.FinishedAt == b.FinishedAt
            && a.Shards.SelectMany(s => s.Replicas).Select(r => (r.Replica, r.Phase))
                .SequenceEqual(b.Shards.SelectMany(s => s.Replicas).Select(r => (r.Replica, r.Phase)));
    }

    /// <summary>The restore ends once every replica of every shard ended.</summary>
    public static IReadOnlyList<RestoreEvent> MaybeFinish(RestoreState restore, DateTimeOffset now) =>
        !restore.IsFinished && restore.AllReplicasTerminal ? [new RestoreFinished(now)] : [];
}
