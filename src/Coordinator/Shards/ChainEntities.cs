using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>
/// The shard region of chain entities (Akka.Cluster.Sharding): one <see cref="ChainActor"/> per ClickHouse shard on
/// the coordinator nodes, addressed by <see cref="ShardEnvelope"/>; replies go straight back to the asker.
/// </summary>
public static class ChainEntities
{
    public const string TypeName = "chains";

    /// <summary>Akka shards the entities are spread over; a ClickHouse cluster has a handful to a few hundred shards.</summary>
    private const int AkkaShards = 32;

    public static IMessageExtractor Extractor { get; } = new EnvelopeExtractor();

    public static AkkaConfigurationBuilder WithChainEntities(this AkkaConfigurationBuilder builder, CatalogStore catalog, PlanningPolicy policy, TimeProvider time) =>
        builder.WithShardRegion<ChainActor>(
            TypeName,
            EntityProps(catalog, policy, time),
            Extractor,
            Options);

    /// <summary>Starts the region on a system that is already a cluster member (actor tests).</summary>
    public static IActorRef StartRegion(ActorSystem system, CatalogStore catalog, PlanningPolicy policy, TimeProvider time) =>
        ClusterSharding.Get(system).Start(
            TypeName,
            EntityProps(catalog, policy, time),
            ClusterShardingSettings.Create(system).WithRole(CoordinatorTier.Role),
            Extractor);

    private static Func<string, Props> EntityProps(CatalogStore catalog, PlanningPolicy policy, TimeProvider time) =>
        entityId => Props.Create(() => new ChainActor(new ShardId(entityId), catalog, policy, time));

    // The catalog in S3 is the state of record: an entity re-reads it when it starts, so nothing is remembered.
    private static ShardOptions Options => new()
    {
        Role = CoordinatorTier.Role,
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
    };

    private sealed class EnvelopeExtractor() : HashCodeMessageExtractor(AkkaShards)
    {
        public override string? EntityId(object message) => (message as ShardEnvelope)?.Shard.Value;

        public override object? EntityMessage(object message) => (message as ShardEnvelope)?.Message ?? message;
    }
}
