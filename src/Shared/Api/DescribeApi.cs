using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// <c>clickvault describe</c>: one run, or one shard's backup of a run, with its chain, sizes and outcome. Routes need the
/// operator token like every operator route; a run or shard that does not exist answers 404 naming it.
/// </summary>
public static class DescribeRoutes
{
    /// <summary>GET → <see cref="RunDescription"/>; <c>{runId}</c> may be "latest". 404 when there is no such run.</summary>
    public const string Run = "/api/runs/{runId}/description";

    /// <summary>GET → <see cref="BackupDescription"/> of shard <c>{shard}</c> in the run. 404 when the run or the shard is unknown.</summary>
    public const string Backup = "/api/runs/{runId}/shards/{shard}";

    public static string RunPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/description";

    public static string BackupPath(string runId, string shard) =>
        $"/api/runs/{Uri.EscapeDataString(runId)}/shards/{Uri.EscapeDataString(shard)}";
}

/// <summary>
/// A cluster run in full. State: running, succeeded, partial, failed, cancelled. <see cref="Source"/> says where it was read:
/// "manifest" (<c>runs/{ts}.json</c> of a finished run) or "journal" (the active run).
/// </summary>
public sealed record RunDescription(
    string RunId,
    string Cluster,
    string State,
    string Trigger,
    bool FullRequested,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    bool Active,
    string Source,
    IReadOnlyList<BackupDescription> Shards);

/// <summary>
/// One shard's backup in a run. Figures come from the backup's sidecar (<c>.clickvault_meta.json</c>) when it exists,
/// else from the run (manifest or active run). <see cref="Chain"/> runs from the full backup the chain starts with up to
/// this backup (up to its base when this backup is not in the catalog); <see cref="ChainComplete"/> is false when a
/// link's base is missing from the shard's catalog. State: planned, dispatched, running, succeeded, failed.
/// </summary>
public sealed record BackupDescription(
    string RunId,
    string Cluster,
    string Shard,
    string State,
    string? Error,
    string? Reason,
    string? Kind,
    string? Replica,
    string? BaseRunId,
    string? Prefix,
    string? SidecarKey,
    bool Restorable,
    ulong NumFiles,
    ulong TotalSize,
    ulong CompressedSize,
    ulong UncompressedSize,
    string? ClickHouseVersion,
    int? ChainDepth,
    IReadOnlyList<string> Databases,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    IReadOnlyList<ChainLink> Chain,
    bool ChainComplete)
{
    /// <summary>The last verified restore of this backup (null: never verified, or an older coordinator).</summary>
    public LastVerifiedView? LastVerified { get; init; }

    /// <summary>Why <see cref="Replica"/> ran it: the rule of the replica choice that decided (null for older runs).</summary>
    public string? ReplicaReason { get; init; }
}

/// <summary>One backup of a chain, from the shard's catalog index.</summary>
public sealed record ChainLink(
    string RunId,
    string Kind,
    string? BaseRunId,
    int ChainDepth,
    ulong NumFiles,
    ulong TotalSize,
    DateTimeOffset FinishedAt,
    string Prefix);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(RunDescription))]
[JsonSerializable(typeof(BackupDescription))]
public sealed partial class DescribeJson : JsonSerializerContext;
