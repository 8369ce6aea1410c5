using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>ClickVault's own run JSON for generic webhooks (<c>event: clickvault.run.finished</c>). Pure.</summary>
public static class WebhookPayloadBuilder
{
    public const string EventName = "clickvault.run.finished";
    public const int SchemaVersion = 1;
    public const int MaxErrorLength = 2000;

    public static RunFinishedEvent Build(RunManifest run, SecretRedactor redactor)
    {
        var report = RunReport.From(run, redactor, MaxErrorLength);
        return new RunFinishedEvent(
            EventName,
            SchemaVersion,
            run.RunId,
            run.Cluster,
            run.Outcome,
            report.Trigger,
            run.FullRequested,
            run.StartedAt,
            run.FinishedAt,
            report.Duration.TotalSeconds,
            run.Shards.Count,
            report.Succeeded,
            report.Failed,
            [.. report.Shards.Select(Shard)]);
    }

    private static ShardReport Shard(ShardRow row)
    {
        var s = row.Outcome;
        return new ShardReport(
            s.Shard, s.Replica, s.Kind, s.BaseRunId, s.Status, row.Error, row.Reason,
            s.NumFiles, s.TotalSize, s.UncompressedSize, s.CompressedSize, row.Size,
            s.StartedAt, s.FinishedAt, row.Elapsed?.TotalSeconds);
    }
}

/// <summary>The body a generic webhook receives when a cluster run ends.</summary>
public sealed record RunFinishedEvent(
    string Event,
    int Version,
    string RunId,
    string Cluster,
    string Outcome,
    string Trigger,
    bool FullRequested,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double DurationSeconds,
    int ShardsTotal,
    int ShardsSucceeded,
    int ShardsFailed,
    IReadOnlyList<ShardReport> Shards);

/// <summary>One shard of <see cref="RunFinishedEvent"/>: the table's columns plus the raw sizes. Error and reason are redacted.</summary>
public sealed record ShardReport(
    string Shard,
    string? Replica,
    string? Kind,
    string? BaseRunId,
    string Status,
    string? Error,
    string? Reason,
    ulong NumFiles,
    ulong TotalSize,
    ulong UncompressedSize,
    ulong CompressedSize,
    string Size,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds);
