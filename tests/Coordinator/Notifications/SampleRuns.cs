using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>Run manifests as the coordinator writes them at the end of a run.</summary>
internal static class SampleRuns
{
    public const string RunId = "20261122T020000Z";
    public const string DiskFullError = "Code: 243. DB::Exception: Cannot reserve 1.00 GiB, not enough space. (NOT_ENOUGH_SPACE)";

    public static DateTimeOffset Start { get; } = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    public static RunManifest Succeeded() => Run("succeeded",
    [
        Shard("1", "ch-1a", "full", null, "succeeded", null, 1_610_612_736, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(12)),
        Shard("2", "ch-2b", "incremental", "20261121T020000Z", "succeeded", null, 52_428_800, TimeSpan.FromSeconds(45)),
    ]);

    public static RunManifest Partial(string? error = DiskFullError) => Run("partial",
    [
        Shard("1", "ch-1a", "full", null, "succeeded", null, 1_610_612_736, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(12)),
        Shard("2", "ch-2b", "incremental", "20261121T020000Z", "failed", error, 0, TimeSpan.FromSeconds(12)),
    ]);

    public static RunManifest Failed() => Run("failed",
    [
        Shard("1", "ch-1a", "full", null, "failed", "Code: 210. Connection refused", 0, TimeSpan.FromSeconds(2)),
    ]);

    public static RunManifest Run(string outcome, IReadOnlyList<ShardOutcome> shards) =>
        new(RunManifest.CurrentVersion, RunId, "prod", "schedule", false, outcome, Start, Start + TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(20), shards);

    public static ShardOutcome Shard(string shard, string? replica, string? kind, string? baseRun, string status, string? error, ulong written, TimeSpan took) =>
        new(shard, replica, kind, baseRun, status, error, kind is null ? null : $"{kind} backup", $"prod/shard-{shard}/{kind}/{RunId}/",
            12, written * 2, written, written, Start, Start + took);
}
