using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>A change of a run's state; the state it produces is journaled to S3 before the coordinator acts on it.</summary>
public abstract record RunJournalEvent(DateTimeOffset At);

public sealed record ShardPlanned(
    DateTimeOffset At, string Shard, string ShardPath, string Kind, string? BaseRunId, string? BasePrefix, string Prefix, int ChainDepth, string Reason,
    ChainAffinity? Previous = null)
    : RunJournalEvent(At);

/// <param name="ReplicaReason">The rule of <see cref="ReplicaSelector"/> that chose <paramref name="Replica"/>.</param>
public sealed record ShardDispatched(DateTimeOffset At, string Shard, string Replica, string OperationId, string? ReplicaReason = null) : RunJournalEvent(At);

public sealed record ShardProgressed(DateTimeOffset At, string Shard, OperationReport Report) : RunJournalEvent(At);

public sealed record ShardSucceeded(DateTimeOffset At, string Shard, OperationReport Report) : RunJournalEvent(At)
{
    /// <summary>The backed-up tables' figures, when the agent measured them.</summary>
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }
}

/// <summary>
/// The replica backing up the shard lost its ClickHouse (<see cref="Error"/>, the agent's words): the shard starts again on
/// <see cref="Replica"/> as attempt <see cref="Attempt"/>, under an id and a folder of its own. The lost attempt's folder
/// is never catalogued (<c>clean-broken</c> removes it).
/// </summary>
public sealed record ShardRetried(
    DateTimeOffset At, string Shard, int Attempt, string FromReplica, string Replica, string OperationId, string Prefix, string Error)
    : RunJournalEvent(At);

public sealed record ShardFailed(DateTimeOffset At, string Shard, string Error, string? Reason = null) : RunJournalEvent(At);

public sealed record RunFinished(DateTimeOffset At) : RunJournalEvent(At);

/// <summary>An operator asked to cancel the run: dispatched backups are told to stop, undispatched shards fail.</summary>
public sealed record RunCancelRequested(DateTimeOffset At) : RunJournalEvent(At);
