using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Pure mappings of a run's state to what operators see (API views) and what is kept (the manifest).</summary>
public static class RunViews
{
    public static RunView From(RunState run) => new(
        run.RunId, run.Cluster, run.Outcome, run.Trigger, run.FullRequested, run.StartedAt, run.FinishedAt,
        [.. run.Shards.Select(Shard)]);

    public static ShardRunView Shard(ShardState s) => new(
        s.Shard, s.Replica, s.Kind, s.BaseRunId, s.Reason, s.Phase.ToString().ToLowerInvariant(),
        s.LastReport?.NumFiles ?? 0, s.LastReport?.UncompressedSize ?? 0, s.LastReport?.TotalSize ?? 0,
        s.Phase == ShardPhase.Succeeded ? 1.0 : null, s.Error, s.DispatchedAt, s.FinishedAt);

    public static RunManifest Manifest(RunState run) => new(
        RunManifest.CurrentVersion, run.RunId, run.Cluster, run.Trigger, run.FullRequested, run.Outcome, run.StartedAt,
        run.FinishedAt ?? run.StartedAt,
        [.. run.Shards.Select(s => new ShardOutcome(s.Shard, s.Replica, s.Kind, s.BaseRunId, s.Phase.ToString().ToLowerInvariant(),
            s.Error, s.Reason, s.Prefix, s.LastReport?.NumFiles ?? 0, s.LastReport?.TotalSize ?? 0, s.LastReport?.UncompressedSize ?? 0,
            s.LastReport?.CompressedSize ?? 0, s.DispatchedAt, s.FinishedAt) { ReplicaReason = s.ReplicaReason })]);

    public static RunView From(RunManifest m) => new(
        m.RunId, m.Cluster, m.Outcome, m.Trigger, m.FullRequested, m.StartedAt, m.FinishedAt,
        [.. m.Shards.Select(s => new ShardRunView(s.Shard, s.Replica, s.Kind, s.BaseRunId, s.Reason, s.Status, s.NumFiles,
            s.UncompressedSize, s.TotalSize, s.Status == "succeeded" ? 1.0 : null, s.Error, s.StartedAt, s.FinishedAt))]);
}
