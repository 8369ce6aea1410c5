using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// What both payloads say about a finished run, computed once from its manifest: counts, durations, readable sizes,
/// and free texts (errors, reasons, trigger) with secrets removed and cut to <paramref name="MaxTextLength"/>.
/// </summary>
public sealed record RunReport(
    RunManifest Run,
    string Trigger,
    int Succeeded,
    int Failed,
    TimeSpan Duration,
    IReadOnlyList<ShardRow> Shards,
    int MaxTextLength)
{
    public static RunReport From(RunManifest run, SecretRedactor redactor, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(redactor);
        var rows = run.Shards.Select(s => ShardRow.From(s, redactor, maxTextLength)).ToList();
        return new RunReport(
            run,
            DisplayFormat.Truncate(redactor.Redact(run.Trigger), 64) ?? "",
            run.Shards.Count(s => s.Status == "succeeded"),
            run.Shards.Count(s => s.Status != "succeeded"),
            run.FinishedAt > run.StartedAt ? run.FinishedAt - run.StartedAt : TimeSpan.Zero,
            rows,
            maxTextLength);
    }
}

/// <summary>One shard's line in a notification.</summary>
public sealed record ShardRow(
    ShardOutcome Outcome,
    string? Error,
    string? Reason,
    ulong WrittenBytes,
    string Size,
    TimeSpan? Elapsed,
    string Duration)
{
    public static ShardRow From(ShardOutcome shard, SecretRedactor redactor, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(redactor);
        var written = shard.UncompressedSize;
        TimeSpan? elapsed = shard is { StartedAt: { } start, FinishedAt: { } end } && end >= start ? end - start : null;
        return new ShardRow(
            shard,
            DisplayFormat.Truncate(redactor.Redact(shard.Error), maxTextLength),
            DisplayFormat.Truncate(redactor.Redact(shard.Reason), maxTextLength),
            written,
            written == 0 && shard.Status != "succeeded" ? "-" : DisplayFormat.Size(written),
            elapsed,
            elapsed is { } e ? DisplayFormat.Duration(e) : "-");
    }
}
