using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>Pure mappings of a restore's state to what operators see.</summary>
public static class RestoreViews
{
    /// <summary>The restore; a dry run's plan is <c>planned</c>, or <c>refused</c> when non-empty tables stand in the way.</summary>
    public static RestoreView From(RestoreState restore, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var conflicts = restore.Conflicts();
        var state = !dryRun ? restore.Outcome : conflicts.Count > 0 && !restore.Replace ? "refused" : "planned";
        return new RestoreView(restore.RestoreId, restore.Cluster, restore.Run, state, dryRun, restore.Replace, restore.AsDatabase,
            restore.StartedAt, restore.FinishedAt, conflicts, [.. restore.Shards.Select(Shard)]);
    }

    public static RestoreShardView Shard(RestoreShardState shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new RestoreShardView(shard.Shard,
            new RestoreBackupView(shard.Source.RunId, shard.Source.Kind, shard.Source.Prefix, shard.Source.Chain),
            shard.Tables, shard.ReplicaChoice, shard.State, [.. shard.Replicas.Select(Replica)], shard.Error);
    }

    /// <summary>The shard in the shape of a run's shard, for the events (see <see cref="RestoreRunShape"/>).</summary>
    public static ShardRunView AsRunShard(RestoreShardState shard) => RestoreRunShape.AsRunShard(Shard(shard));

    private static RestoreReplicaView Replica(RestoreReplicaState r)
    {
        var report = r.LastReport;
        double? progress = r.Phase == ReplicaPhase.Succeeded ? 1.0 : report is { TotalSize: > 0 } ? Math.Min(1.0, (double)report.BytesRead / report.TotalSize) : null;
        return new RestoreReplicaView(r.Replica, r.OperationId, r.Phase.ToString().ToLowerInvariant(), r.Sql, [.. r.Drops.Select(d => d.ToString())],
            report?.NumFiles ?? 0, report?.TotalSize ?? 0, report?.FilesRead ?? 0, report?.BytesRead ?? 0, progress, r.Error,
            r.DispatchedAt, r.FinishedAt);
    }
}
