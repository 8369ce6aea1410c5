using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Shared.Catalog;

/// <summary>
/// <c>.clickvault_meta.json</c> in a backup's folder: written only after ClickHouse reported the backup
/// created, so its presence marks a complete backup. Fields are a superset of ClickVault's sidecar;
/// <see cref="Configs"/> lists the configuration directories replicas sent, <see cref="AccessEntities"/> says whether
/// SQL-managed users, roles, settings profiles, row policies and quotas are in the backup.
/// </summary>
public sealed record BackupSidecar(
    int Version,
    string BackupId,
    string Kind,
    string Timestamp,
    string? BaseBackupPath,
    string Status,
    ulong TotalSize,
    string Database,
    IReadOnlyList<string> Databases,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Cluster,
    string Shard,
    string Replica,
    string RunId,
    ulong NumFiles,
    ulong CompressedSize,
    ulong UncompressedSize,
    string ClickhouseVersion,
    int ChainDepth,
    string? BaseRunId,
    IReadOnlyList<ConfigListing>? Configs = null,
    bool AccessEntities = false)
{
    public const int CurrentVersion = 1;
    public const string SuccessStatus = "success";

    /// <summary>
    /// Every table of the backed-up databases with its engine, rows and (layout v1.1) the parts the backup holds, from
    /// metadata; older sidecars hold checksums measured before and after the backup instead (layout v1 addition: absent
    /// from the oldest sidecars, and from backups whose agent could not read them).
    /// </summary>
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }
}

/// <summary>One backup of a shard as the shard's catalog index lists it.</summary>
public sealed record CatalogEntry(
    [property: JsonConverter(typeof(RunIdJsonConverter))] RunId RunId,
    BackupKind Kind,
    string Prefix,
    [property: JsonConverter(typeof(NullableRunIdJsonConverter))] RunId? BaseRunId,
    string Replica,
    ulong NumFiles,
    ulong TotalSize,
    ulong UncompressedSize,
    ulong CompressedSize,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int ChainDepth,
    IReadOnlyList<string> Databases)
{
    /// <summary>The last verified restore of this backup (layout v1 addition: absent until <c>clickvault verify</c> ran on it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LastVerification? LastVerified { get; init; }
}

/// <summary>When a backup was last restored into scratch and compared, on which replica, whether it matched, and a one-line summary.</summary>
public sealed record LastVerification(DateTimeOffset At, bool Passed, string Replica, string Summary);

/// <summary><c>catalog.json</c> of one shard: its successful backups, oldest first. A cache of the sidecars.</summary>
public sealed record ShardCatalog(
    int Version,
    string Cluster,
    string Shard,
    string ShardPath,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CatalogEntry> Backups)
{
    public const int CurrentVersion = 1;

    public static ShardCatalog Empty(string cluster, string shard, string shardPath) =>
        new(CurrentVersion, cluster, shard, shardPath, DateTimeOffset.UnixEpoch, []);

    /// <summary>The newest successful backup, the base of the next incremental (deep chaining).</summary>
    public CatalogEntry? Newest => Backups.Count == 0 ? null : Backups.MaxBy(b => b.RunId);

    /// <summary>The full backup that starts the chain <paramref name="entry"/> belongs to.</summary>
    public CatalogEntry? ChainRoot(CatalogEntry entry)
    {
        var byRun = Backups.ToDictionary(b => b.RunId);
        var current = entry;
        while (current.Kind == BackupKind.Incremental)
        {
            if (current.BaseRunId is not { } baseRun || !byRun.TryGetValue(baseRun, out current!))
            {
                return null;
            }
        }
        return current;
    }

    public ShardCatalog With(CatalogEntry entry, DateTimeOffset now) => this with
    {
        UpdatedAt = now,
        Backups = [.. Backups.Where(b => b.RunId != entry.RunId).Append(entry).OrderBy(b => b.RunId)],
    };
}

/// <summary><c>runs/{ts}.json</c>: every shard of one cluster run, written when the run ends.</summary>
public sealed record RunManifest(
    int Version,
    string RunId,
    string Cluster,
    string Trigger,
    bool FullRequested,
    string Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<ShardOutcome> Shards)
{
    public const int CurrentVersion = 1;
}

/// <summary>What happened to one shard in a run.</summary>
public sealed record ShardOutcome(
    string Shard,
    string? Replica,
    string? Kind,
    string? BaseRunId,
    string Status,
    string? Error,
    string? Reason,
    string? Prefix,
    ulong NumFiles,
    ulong TotalSize,
    ulong UncompressedSize,
    ulong CompressedSize,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Why <see cref="Replica"/> ran it, e.g. chain affinity (absent from older manifests).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplicaReason { get; init; }
}

/// <summary>An optional run id as a JSON string or null.</summary>
public sealed class NullableRunIdJsonConverter : JsonConverter<RunId?>
{
    public override RunId? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : new RunIdJsonConverter().Read(ref reader, typeof(RunId), options);

    public override void Write(Utf8JsonWriter writer, RunId? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v.Value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BackupSidecar))]
[JsonSerializable(typeof(ShardCatalog))]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(ConfigListing))]
public sealed partial class CatalogJson : JsonSerializerContext;
