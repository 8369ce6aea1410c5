using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>
/// The shard region: one <see cref="ChainActor"/> entity per ClickHouse shard, spawned on first use and addressed
/// by shard id; messages are forwarded, so replies go straight back to the asker.
/// </summary>
public sealed class ShardRegionActor : ReceiveActor
{
    public ShardRegionActor(CatalogStore catalog, PlanningPolicy policy, TimeProvider time)
    {
        Receive<ShardEnvelope>(envelope =>
        {
            var name = "shard-" + envelope.Shard.Value;
            var entity = Context.Child(name);
            if (entity.IsNobody())
            {
                entity = Context.ActorOf(Props.Create(() => new ChainActor(envelope.Shard, catalog, policy, time)), name);
            }
            entity.Forward(envelope.Message);
        });
    }
}
