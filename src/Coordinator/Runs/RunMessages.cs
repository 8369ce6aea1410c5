using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Operator → runs: start a cluster run. Reply: <see cref="RunAccepted"/> or <see cref="RunRejected"/>.</summary>
public sealed record StartRun(bool Full, IReadOnlyList<string> Shards, string Trigger);

public sealed record RunAccepted(RunView Run);

/// <summary>Why a run was not started; <see cref="Code"/> is the API error code (run_active, invalid_request).</summary>
public sealed record RunRejected(string Code, string Message);

/// <summary>Reply: <see cref="RunLookup"/>. <see cref="RunId"/> may be "latest".</summary>
public sealed record GetRun(string RunId);

public sealed record RunLookup(RunView? Run);

/// <summary>Reply: <see cref="RunsOverview"/>.</summary>
public sealed record GetRuns(int Limit);

public sealed record RunsOverview(RunView? Active, IReadOnlyList<RunView> Recent);

/// <summary>
/// Agent link → runs: an agent reported on an operation (progress, completion, status answer, hello); a completion may
/// carry the backed-up tables' figures.
/// </summary>
public sealed record AgentReported(string Shard, string Replica, OperationReport Report)
{
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }
}

/// <summary>Agent link → runs: an agent reported a failed backup with ClickHouse's error text.</summary>
public sealed record AgentBackupFailed(string Shard, string Replica, OperationReport Report, string Error);

/// <summary>Membership → runs: an agent (re)connected; a resumed run asks it about its operations.</summary>
public sealed record AgentJoined(string Shard, string Replica);

/// <summary>Run actor → parent: the run's state after a journaled change (what operators are shown).</summary>
public sealed record RunSnapshot(RunState Run);

/// <summary>Run actor → parent: the run finished and everything about it is written.</summary>
public sealed record RunEnded(RunState Run);

/// <summary>Run actor → self: start (or resume) working.</summary>
internal sealed record BeginRun(int Attempt);
