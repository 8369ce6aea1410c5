using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// The coordinator's operator HTTP API (what `clickvault` talks to). Every route needs
/// <c>Authorization: Bearer {operator token}</c>; errors come back as <see cref="ApiError"/> with a non-2xx status.
/// </summary>
public static class OperatorRoutes
{
    /// <summary>POST <see cref="StartRunRequest"/> → 202 <see cref="RunView"/>; 409 when a run of the cluster is active.</summary>
    public const string Runs = "/api/runs";

    /// <summary>GET → <see cref="RunView"/> (404 when unknown). Use "latest" for the newest run.</summary>
    public const string Run = "/api/runs/{runId}";

    /// <summary>GET → text/event-stream of <see cref="RunEvent"/> (event: run), ending with event: end after the run finishes.</summary>
    public const string RunEvents = "/api/runs/{runId}/events";

    /// <summary>GET → <see cref="AgentView"/>[].</summary>
    public const string Agents = "/api/agents";

    /// <summary>GET → <see cref="CoordinatorNodeView"/>[]: the coordinator tier's nodes as the answering node sees them.</summary>
    public const string Nodes = "/api/nodes";

    /// <summary>GET [?shard=N][&amp;kind=full|incremental][&amp;run=ID] → <see cref="BackupView"/>[] from the shard catalog indexes.</summary>
    public const string Backups = "/api/backups";

    /// <summary>GET → <see cref="StatusView"/>: agents, the active run, recent runs, undelivered notifications.</summary>
    public const string Status = "/api/status";

    public static string RunPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}";

    public static string RunEventsPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/events";
}

/// <summary>Start a cluster run: <see cref="Full"/> forces full backups; <see cref="Shards"/> limits the run (all when empty).</summary>
public sealed record StartRunRequest(bool Full, IReadOnlyList<string> Shards);

/// <summary>A cluster run as the coordinator sees it now. State: running, succeeded, failed, partial.</summary>
public sealed record RunView(
    string RunId,
    string Cluster,
    string State,
    string Trigger,
    bool FullRequested,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ShardRunView> Shards);

/// <summary>
/// One shard in a run. State: planned, dispatched, running, succeeded, failed. <see cref="Progress"/> is 0..1 when
/// the total is known (files written / files expected is not known up front, so it is bytes of the previous backup
/// of the shard as an estimate, or null).
/// </summary>
public sealed record ShardRunView(
    string Shard,
    string? Replica,
    string? Kind,
    string? BaseRunId,
    string? Reason,
    string State,
    ulong NumFiles,
    ulong BytesWritten,
    ulong TotalSize,
    double? Progress,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>One structured event of a run; <see cref="Shard"/> is null for run-level events.</summary>
public sealed record RunEvent(long Sequence, DateTimeOffset At, string RunId, string? Shard, string Kind, string Message, ShardRunView? ShardState);

/// <summary>A connected (or recently seen) agent. State: connected, disconnected.</summary>
public sealed record AgentView(
    string Cluster,
    string Shard,
    string Replica,
    string Host,
    string ClickHouseVersion,
    string State,
    bool ClickHouseReachable,
    DateTimeOffset ConnectedAt,
    DateTimeOffset LastHeartbeatAt,
    DateTimeOffset? LastBackupAt);

/// <summary>A successful backup of one shard from its catalog index.</summary>
public sealed record BackupView(
    string Shard,
    string RunId,
    string Kind,
    string? BaseRunId,
    string Replica,
    int ChainDepth,
    ulong NumFiles,
    ulong TotalSize,
    ulong UncompressedSize,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Prefix)
{
    /// <summary>The last verified restore of this backup (null: never verified, or an older coordinator).</summary>
    public LastVerifiedView? LastVerified { get; init; }
}

public sealed record StatusView(string Cluster, IReadOnlyList<AgentView> Agents, RunView? ActiveRun, IReadOnlyList<RunView> RecentRuns)
{
    /// <summary>Run notifications that did not reach their target, newest first (empty from coordinators that do not report them).</summary>
    public IReadOnlyList<UndeliveredNotificationView> UndeliveredNotifications { get; init; } = [];

    /// <summary>Each shard's most recent verified restore (empty when the catalog cannot be read, or from older coordinators).</summary>
    public IReadOnlyList<ShardVerifiedView> LastVerified { get; init; } = [];

    /// <summary>The coordinator tier's nodes (empty from older coordinators).</summary>
    public IReadOnlyList<CoordinatorNodeView> Nodes { get; init; } = [];
}

/// <summary>
/// A coordinator node: its Akka address, membership status (joining, up, leaving, exiting, down, removed), whether the
/// answering node can reach it, whether the runs/restores/scheduler singletons run on it, and whether it answered.
/// </summary>
public sealed record CoordinatorNodeView(string Address, string Status, bool Reachable, bool HoldsSingletons, bool Self);

/// <summary>A shard's most recent verified restore: of which backup (<see cref="RunId"/>), and how it went; both null when none was verified.</summary>
public sealed record ShardVerifiedView(string Shard, string? RunId, LastVerifiedView? LastVerified);

/// <summary>An API failure: <see cref="Code"/> is stable for scripts (e.g. run_active, not_found, unauthorized, invalid_request).</summary>
public sealed record ApiError(string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(StartRunRequest))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(IReadOnlyList<RunView>))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(IReadOnlyList<AgentView>))]
[JsonSerializable(typeof(IReadOnlyList<CoordinatorNodeView>))]
[JsonSerializable(typeof(IReadOnlyList<BackupView>))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(ApiError))]
public sealed partial class ApiJson : JsonSerializerContext;
