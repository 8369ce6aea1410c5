using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>A message for the chain actor of <see cref="Shard"/>; the shard region routes it (spawning the entity on first use).</summary>
public sealed record ShardEnvelope(ShardId Shard, object Message);

/// <summary>Plan this shard's backup for a run. Reply: <see cref="ShardPlanResult"/>.</summary>
public sealed record PlanShard(RunId Run, bool FullRequested, IReadOnlyDictionary<string, string> Macros);

/// <summary>The decision, with the keys it implies and who took the shard's newest backup (for chain affinity).</summary>
public sealed record ShardPlanResult(string ShardPath, ShardPlan Plan, string Prefix, string? BasePrefix, ChainAffinity? Previous);

/// <summary>Write the sidecar, then the shard's catalog index, for a succeeded shard. Reply: <see cref="BackupRecorded"/>.</summary>
public sealed record RecordBackup(RunState Run, ShardState Shard, string ClickHouseVersion, bool AccessEntities = false);

public sealed record BackupRecorded(string Shard, string SidecarKey);

/// <summary>The shard's catalog index. Reply: <see cref="Shared.Catalog.ShardCatalog"/>.</summary>
public sealed record GetShardCatalog(IReadOnlyDictionary<string, string> Macros);

/// <summary>A chain actor's failure to do what was asked, sent back to the asker instead of a reply.</summary>
public sealed record ChainFailure(string Shard, string Message);
