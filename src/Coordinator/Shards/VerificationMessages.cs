using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>
/// Set <see cref="Verification"/> as the last verified restore of backup <see cref="Run"/> in the index at
/// <see cref="ShardPath"/>. Reply: <see cref="ShardCatalogChanged"/> (unchanged when the backup is no longer listed) or <see cref="ChainFailure"/>.
/// </summary>
public sealed record RecordVerification(string ShardPath, RunId Run, LastVerification Verification);
