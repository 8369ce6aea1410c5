using System.Globalization;
using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary><c>clickvault check</c>: does every shard have a good backup younger than a maximum age?</summary>
public static class CheckRoutes
{
    /// <summary>GET ?max_age_seconds=N → <see cref="CheckView"/>; 400 when max_age_seconds is missing or not a positive integer.</summary>
    public const string Check = "/api/check";

    public const string MaxAgeParameter = "max_age_seconds";

    public static string CheckPath(TimeSpan maxAge) =>
        string.Create(CultureInfo.InvariantCulture, $"{Check}?{MaxAgeParameter}={(long)Math.Ceiling(maxAge.TotalSeconds)}");
}

/// <summary>
/// The answer of a check: <see cref="Ok"/> when every known shard (connected agents plus the shards <c>system.clusters</c>
/// lists) has a good backup younger than <see cref="MaxAgeSeconds"/>. <see cref="Problem"/> explains a check that could
/// not look at any shard (no agent connected).
/// </summary>
public sealed record CheckView(
    string Cluster,
    DateTimeOffset CheckedAt,
    long MaxAgeSeconds,
    bool Ok,
    string? Problem,
    IReadOnlyList<ShardCheckView> Shards);

/// <summary>
/// One shard: its newest good backup (the newest entry of its catalog; only successful backups are catalogued) and that
/// backup's age, measured from when the backup started (the point in time its data is from).
/// </summary>
public sealed record ShardCheckView(
    string Shard,
    bool Ok,
    string? NewestRunId,
    string? Kind,
    DateTimeOffset? StartedAt,
    long? AgeSeconds,
    bool AgentConnected,
    string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(CheckView))]
public sealed partial class CheckJson : JsonSerializerContext;
