using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>
/// The shard region: one <see cref="ChainActor"/> entity per ClickHouse shard, spawned on first use and addressed
/// by shard id; messages keep their original sender so replies go straight back to the asker.
/// </summary>
public sealed class ShardRegionActor : Actor
{
    public ShardRegionActor(CatalogStore catalog, PlanningPolicy policy)
    {
        Receive<ShardEnvelope>(envelope =>
        {
            var name = "shard-" + envelope.Shard.Value;
            var entity = Context.Child(name) ?? Context.Spawn(() => new ChainActor(envelope.Shard, catalog, policy), name);
            entity.Tell(envelope.Message, Sender);
        });
    }
}
