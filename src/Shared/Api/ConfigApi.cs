using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>The configuration files replicas sent with their shards' backups (what <c>clickvault restore --configs-to</c> reads).</summary>
public static class ConfigRoutes
{
    /// <summary>
    /// GET [?shard=N][&amp;replica=R] → <see cref="ShardConfigsView"/>[]: per shard, the backup of run {runId} (or the
    /// newest before it; "latest" for the newest) and every stored replica's files with their content. 404 when no shard
    /// has such a backup.
    /// </summary>
    public const string Configs = "/api/runs/{runId}/configs";

    public static string ConfigsPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/configs";
}

/// <summary>One shard's backup and the configuration directories stored with it.</summary>
public sealed record ShardConfigsView(string Shard, string RunId, string Prefix, IReadOnlyList<ReplicaConfigsView> Replicas);

/// <summary>One replica's configuration directory: files with content (base64 in JSON), refused entries, or an error.</summary>
public sealed record ReplicaConfigsView(
    string Replica,
    string Directory,
    DateTimeOffset CollectedAt,
    IReadOnlyList<ConfigFileView> Files,
    IReadOnlyList<RefusedConfigView> Refused,
    string? Error);

public sealed record ConfigFileView(string Path, long Size, string Sha256, byte[] Content);

public sealed record RefusedConfigView(string Path, string Reason);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyList<ShardConfigsView>))]
public sealed partial class ConfigApiJson : JsonSerializerContext;
