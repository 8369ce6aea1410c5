using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// Retention and catalog maintenance on the operator API (token-protected like <see cref="OperatorRoutes"/>). Bad input
/// answers 400 with an <see cref="ApiError"/> (code invalid_request) naming the field.
/// </summary>
public static class RetentionRoutes
{
    /// <summary>POST <see cref="CleanupRequest"/> → 200 <see cref="CleanupReport"/>: applies retention (or only plans it with dry_run).</summary>
    public const string Cleanup = "/api/cleanup";

    /// <summary>
    /// DELETE [?shard=N][&amp;cascade=true] → 200 <see cref="DeleteRunReport"/>; 404 when no shard has a backup of the run;
    /// 409 (has_dependents, in_use) when a backup that stays depends on it or an operation in progress uses it.
    /// </summary>
    public const string Backup = "/api/backups/{runId}";

    /// <summary>POST → 200 <see cref="CatalogRebuildReport"/>: every shard's catalog.json rebuilt from the sidecars.</summary>
    public const string CatalogRebuild = "/api/catalog/rebuild";

    /// <summary>POST <see cref="CleanBrokenRequest"/> → 200 <see cref="CleanBrokenReport"/>: deletes backup folders without a sidecar.</summary>
    public const string CleanBroken = "/api/clean-broken";

    /// <summary>Default age a broken folder's newest object must have before clean-broken deletes it.</summary>
    public static readonly TimeSpan DefaultBrokenAge = TimeSpan.FromHours(24);

    public static string BackupPath(string runId, string? shard, bool cascade)
    {
        var query = new List<string>();
        if (shard is not null)
        {
            query.Add("shard=" + Uri.EscapeDataString(shard));
        }
        if (cascade)
        {
            query.Add("cascade=true");
        }
        return $"/api/backups/{Uri.EscapeDataString(runId)}{(query.Count == 0 ? "" : "?" + string.Join('&', query))}";
    }
}

/// <summary>Apply retention to <see cref="Shards"/> (every known shard when null or empty); <see cref="DryRun"/> only plans.</summary>
public sealed record CleanupRequest(bool DryRun, IReadOnlyList<string>? Shards);

/// <summary>Delete backup folders without a sidecar whose newest object is older than <see cref="OlderThanSeconds"/> (default 24 h).</summary>
public sealed record CleanBrokenRequest(long? OlderThanSeconds, bool DryRun);

/// <summary>The retention settings a cleanup applied.</summary>
public sealed record RetentionPolicyView(int KeepFullBackups, int? KeepDays);

/// <summary>What deleting one backup folder did. <see cref="Failures"/> lists every key S3 refused to delete.</summary>
public sealed record ObjectDeletionView(long ObjectsDeleted, long BytesDeleted, IReadOnlyList<DeleteFailureView> Failures);

public sealed record DeleteFailureView(string Key, string Code, string Message);

/// <summary>
/// Retention's decision for one backup: <see cref="Decision"/> keep or remove, and why. <see cref="Deletion"/> is set
/// for removed backups when the cleanup was not a dry run.
/// </summary>
public sealed record BackupDecisionView(
    string RunId,
    string Kind,
    string? BaseRunId,
    string? Chain,
    string Decision,
    string Reason,
    ulong TotalSize,
    string Prefix,
    ObjectDeletionView? Deletion);

/// <summary>
/// Retention of one shard. <see cref="Skipped"/> says why nothing was done on the shard (its catalog could not be read,
/// or an operation started using a backup while it was being removed); the decisions are then what was planned.
/// </summary>
public sealed record ShardCleanupView(string Shard, string ShardPath, string? Skipped, IReadOnlyList<BackupDecisionView> Backups);

public sealed record CleanupReport(bool DryRun, RetentionPolicyView Policy, IReadOnlyList<ShardCleanupView> Shards);

/// <summary>One deleted backup; <see cref="Reason"/> says whether it was asked for or depended on it (--cascade).</summary>
public sealed record DeletedBackupView(string Shard, string RunId, string Kind, string Prefix, string Reason, ObjectDeletionView Deletion);

/// <summary>
/// The backups <c>delete</c> removed, newest first per shard. <see cref="Skipped"/> names shards where an operation
/// started using one of them while they were being removed (nothing was deleted there).
/// </summary>
public sealed record DeleteRunReport(string RunId, bool Cascade, IReadOnlyList<DeletedBackupView> Deleted, IReadOnlyList<string> Skipped);

/// <summary>A sidecar that exists but could not be used (unreadable JSON, not status success, or not matching its folder).</summary>
public sealed record UnusableSidecarView(string Key, string Reason);

/// <summary>
/// The rebuild of one shard's catalog.json: <see cref="Found"/> backups with a usable sidecar; <see cref="Added"/> ones
/// the old index did not list; <see cref="Dropped"/> ones the old index listed without a usable sidecar.
/// <see cref="Error"/> is set when the shard could not be rebuilt (nothing was written).
/// </summary>
public sealed record ShardRebuildView(
    string? Shard,
    string ShardPath,
    int Found,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<UnusableSidecarView> Unusable,
    bool OldIndexUnreadable,
    string? Error);

public sealed record CatalogRebuildReport(IReadOnlyList<ShardRebuildView> Shards);

/// <summary>
/// A backup folder without a sidecar. <see cref="Decision"/> is delete or keep (too young, or in use); <see cref="Deletion"/>
/// is set when it was deleted (not a dry run).
/// </summary>
public sealed record BrokenFolderView(
    string ShardPath,
    string Kind,
    string RunId,
    string Prefix,
    long Objects,
    long Bytes,
    DateTimeOffset NewestObjectAt,
    long AgeSeconds,
    string Decision,
    string Reason,
    bool InCatalog,
    ObjectDeletionView? Deletion);

public sealed record CleanBrokenReport(bool DryRun, long OlderThanSeconds, IReadOnlyList<BrokenFolderView> Folders);

/// <summary>Values of <see cref="BackupDecisionView.Decision"/> and <see cref="BrokenFolderView.Decision"/>.</summary>
public static class RetentionDecisions
{
    public const string Keep = "keep";
    public const string Remove = "remove";
    public const string Delete = "delete";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(CleanupRequest))]
[JsonSerializable(typeof(CleanupReport))]
[JsonSerializable(typeof(DeleteRunReport))]
[JsonSerializable(typeof(CatalogRebuildReport))]
[JsonSerializable(typeof(CleanBrokenRequest))]
[JsonSerializable(typeof(CleanBrokenReport))]
public sealed partial class RetentionApiJson : JsonSerializerContext;
