using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

public enum ShardPhase
{
    Planned,
    Dispatched,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One shard of a run: its plan, the replica running it, the latest report and the outcome.</summary>
public sealed record ShardState(
    string Shard,
    string ShardPath,
    ShardPhase Phase,
    string? Kind,
    string? BaseRunId,
    string? BasePrefix,
    string? Prefix,
    int ChainDepth,
    string? Reason,
    string? Replica,
    string? OperationId,
    OperationReport? LastReport,
    string? Error,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsTerminal => Phase is ShardPhase.Succeeded or ShardPhase.Failed;

    /// <summary>A succeeded backup's tables' figures as the agent read them from metadata (null when it could not).</summary>
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }

    /// <summary>Who took the shard's newest backup when the run planned it (absent from older journals: no affinity).</summary>
    public ChainAffinity? Previous { get; init; }

    /// <summary>Why <see cref="Replica"/> runs it (absent from older journals).</summary>
    public string? ReplicaReason { get; init; }

    /// <summary>Which attempt <see cref="OperationId"/> and <see cref="Prefix"/> belong to.</summary>
    // Journals from before attempts have none, which the serializer sets as 0: that was the first.
    public int Attempt { get => Math.Max(field, BackupAttempt.First); init; }

    public static ShardState Pending(string shard, string shardPath) =>
        new(shard, shardPath, ShardPhase.Planned, null, null, null, null, 0, null, null, null, null, null, null, null);
}

/// <summary>
/// A cluster run: the state every decision reads and the journal stores. Changed only by <see cref="Apply"/>
/// of a <see cref="RunJournalEvent"/>, so replaying the journal rebuilds it exactly.
/// </summary>
public sealed record RunState(
    string RunId,
    string Cluster,
    string Trigger,
    bool FullRequested,
    IReadOnlyList<string> Databases,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ShardState> Shards)
{
    /// <summary>When an operator asked to cancel the run (<see cref="RunCancelRequested"/>); null when nobody did.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    public bool IsFinished => FinishedAt is not null;

    public bool AllShardsTerminal => Shards.All(s => s.IsTerminal);

    /// <summary>
    /// succeeded when every shard succeeded (even after a cancel request that came too late), cancelled when an operator
    /// cancelled it and a shard did not succeed, failed when none did, partial otherwise; running until finished.
    /// </summary>
    public string Outcome => !IsFinished ? "running"
        : Shards.All(s => s.Phase == ShardPhase.Succeeded) ? "succeeded"
        : CancelRequestedAt is not null ? "cancelled"
        : Shards.Any(s => s.Phase == ShardPhase.Succeeded) ? "partial"
        : "failed";

    public ShardState Shard(string shard) =>
        Shards.FirstOrDefault(s => s.Shard == shard) ?? throw new KeyNotFoundException($"run {RunId} has no shard '{shard}'");

    public ShardState? ByOperation(string operationId) => Shards.FirstOrDefault(s => s.OperationId == operationId);

    public RunState Apply(RunJournalEvent e) => e switch
    {
        ShardPlanned p => Update(p.Shard, s => s with
        {
            ShardPath = p.ShardPath, Kind = p.Kind, BaseRunId = p.BaseRunId, BasePrefix = p.BasePrefix, Prefix = p.Prefix,
            ChainDepth = p.ChainDepth, Reason = p.Reason, Previous = p.Previous,
        }),
        ShardDispatched d => Update(d.Shard, s => s with
        {
            Phase = ShardPhase.Dispatched, Replica = d.Replica, OperationId = d.OperationId, DispatchedAt = d.At, ReplicaReason = d.ReplicaReason,
        }),
        ShardRetried r => Update(r.Shard, s => s with
        {
            Phase = ShardPhase.Dispatched, Attempt = r.Attempt, Replica = r.Replica, OperationId = r.OperationId, Prefix = r.Prefix,
            DispatchedAt = r.At, LastReport = null, Reason = $"{s.Reason}; retried on replica {r.Replica} after replica {r.FromReplica}'s ClickHouse was lost",
        }),
        ShardProgressed r => Update(r.Shard, s => s with { Phase = ShardPhase.Running, LastReport = r.Report }),
        ShardSucceeded ok => Update(ok.Shard, s => s with { Phase = ShardPhase.Succeeded, LastReport = ok.Report, FinishedAt = ok.At, Tables = ok.Tables ?? s.Tables }),
        ShardFailed f => Update(f.Shard, s => s with { Phase = ShardPhase.Failed, Error = f.Error, Reason = f.Reason ?? s.Reason, FinishedAt = f.At }),
        RunFinished f => this with { FinishedAt = f.At },
        RunCancelRequested c => this with { CancelRequestedAt = CancelRequestedAt ?? c.At },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown run journal event"),
    };

    private RunState Update(string shard, Func<ShardState, ShardState> change) =>
        this with { Shards = [.. Shards.Select(s => s.Shard == shard ? change(s) : s)] };
}
