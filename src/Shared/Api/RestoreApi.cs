using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// The operator API of restores (token-protected like <see cref="OperatorRoutes"/>); errors are <see cref="ApiError"/>s:
/// 400 invalid_request, 404 unknown_run / backup_missing, 409 tables_not_empty / restore_active / replica_unavailable.
/// </summary>
public static class RestoreRoutes
{
    /// <summary>
    /// POST <see cref="StartRestoreRequest"/> → 202 <see cref="RestoreView"/> (state running), or with <c>dry_run</c>
    /// 200 <see cref="RestoreView"/> (state planned, or refused with the conflicts named) with nothing run.
    /// GET → <see cref="RestoreView"/>[]: the active restore and recent ones, newest first.
    /// </summary>
    public const string Restores = "/api/restores";

    /// <summary>GET → <see cref="RestoreView"/> (404 when unknown).</summary>
    public const string Restore = "/api/restores/{restoreId}";

    /// <summary>
    /// GET → text/event-stream: <c>event: run</c> per <see cref="RunEvent"/> (its run_id is the restore id, its shard_state
    /// the shard as a <see cref="ShardRunView"/>), then <c>event: end</c> with the final <see cref="RestoreView"/>.
    /// </summary>
    public const string RestoreEvents = "/api/restores/{restoreId}/events";

    public static string RestorePath(string restoreId) => $"{Restores}/{Uri.EscapeDataString(restoreId)}";

    public static string RestoreEventsPath(string restoreId) => $"{Restores}/{Uri.EscapeDataString(restoreId)}/events";
}

/// <summary>
/// Restore a run: <see cref="Run"/> is a run id or <c>latest</c>; per shard that run's backup, or the newest successful one
/// before it. <see cref="Shards"/> limits the shards (all when empty); <see cref="Tables"/> are patterns
/// (<c>db.t</c>, <c>db.x*</c>, <c>?</c>) matched against the backup's tables (all when empty); <see cref="AsDatabase"/>
/// restores the one source database under a new name; <see cref="Replace"/> drops existing target tables first;
/// <see cref="Replicas"/> is <c>one</c>, <c>all</c> or <c>auto</c> (default: one when every table is Replicated*);
/// <see cref="WithAccess"/> (<c>create</c>, <c>create-if-not-exists</c>, <c>replace</c>) also restores the access entities.
/// </summary>
public sealed record StartRestoreRequest(
    string Run,
    IReadOnlyList<string>? Shards = null,
    IReadOnlyList<string>? Tables = null,
    string? AsDatabase = null,
    bool Replace = false,
    bool DryRun = false,
    string? Replicas = null,
    string? WithAccess = null);

/// <summary>
/// A restore (or, with <see cref="DryRun"/>, its plan). State: planned or refused (dry run), running, succeeded,
/// failed, partial. <see cref="Conflicts"/> names the non-empty target tables that refuse a restore without replace.
/// </summary>
public sealed record RestoreView(
    string RestoreId,
    string Cluster,
    string Run,
    string State,
    bool DryRun,
    bool Replace,
    string? AsDatabase,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> Conflicts,
    IReadOnlyList<RestoreShardView> Shards);

/// <summary>
/// One shard: the backup restored, what is restored (<c>db.*</c> for a whole database), on which replicas (and why those),
/// and its state: planned, running, succeeded, failed (succeeded once every target replica restored).
/// </summary>
public sealed record RestoreShardView(
    string Shard,
    RestoreBackupView Backup,
    IReadOnlyList<string> Tables,
    string ReplicaChoice,
    string State,
    IReadOnlyList<RestoreReplicaView> Replicas,
    string? Error);

/// <summary>The backup a shard is restored from; <see cref="Chain"/> lists the run ids from the full to this one.</summary>
public sealed record RestoreBackupView(string RunId, string Kind, string Prefix, IReadOnlyList<string> Chain);

/// <summary>
/// One target replica: its RESTORE (credentials masked), the tables dropped first (<c>--replace</c>), and figures from
/// system.backups (<see cref="BytesRead"/> of <see cref="TotalSize"/>). State: planned, dropping, dispatched, running, succeeded, failed.
/// </summary>
public sealed record RestoreReplicaView(
    string Replica,
    string OperationId,
    string State,
    string? Sql,
    IReadOnlyList<string> Drops,
    ulong NumFiles,
    ulong TotalSize,
    ulong FilesRead,
    ulong BytesRead,
    double? Progress,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>
/// A restore in the shape of a run (<see cref="RunView"/>, <see cref="ShardRunView"/>), so whatever shows runs' progress
/// shows restores too: replicas joined, the backup's kind and run, figures summed over the replicas (bytes read as
/// bytes written: what the restore wrote into tables), progress as bytes read of the backup's size.
/// </summary>
public static class RestoreRunShape
{
    public const string Trigger = "restore";

    public static RunView AsRun(RestoreView restore)
    {
        ArgumentNullException.ThrowIfNull(restore);
        return new RunView(restore.RestoreId, restore.Cluster, restore.State, Trigger, false, restore.StartedAt, restore.FinishedAt,
            [.. restore.Shards.Select(AsRunShard)]);
    }

    public static ShardRunView AsRunShard(RestoreShardView shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var total = shard.Replicas.Aggregate(0UL, (sum, r) => sum + r.TotalSize);
        var read = shard.Replicas.Aggregate(0UL, (sum, r) => sum + r.BytesRead);
        double? progress = shard.State == "succeeded" ? 1.0 : total > 0 ? Math.Min(1.0, (double)read / total) : null;
        return new ShardRunView(shard.Shard, string.Join(",", shard.Replicas.Select(r => r.Replica)), shard.Backup.Kind, shard.Backup.RunId,
            shard.ReplicaChoice, shard.State, shard.Replicas.Aggregate(0UL, (sum, r) => sum + r.FilesRead), read, total, progress, shard.Error,
            shard.Replicas.Min(r => r.StartedAt), shard.Replicas.All(r => r.FinishedAt is not null) ? shard.Replicas.Max(r => r.FinishedAt) : null);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(StartRestoreRequest))]
[JsonSerializable(typeof(RestoreView))]
[JsonSerializable(typeof(IReadOnlyList<RestoreView>))]
public sealed partial class RestoreApiJson : JsonSerializerContext;
