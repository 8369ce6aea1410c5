using Akka.Actor;
using Akka.Configuration;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Catalog;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ClickVault.Cluster.Coordinator.Tests.Actors;

/// <summary>Actor systems that are a coordinator tier of one node on 127.0.0.1 (any free port), for the sharded chain entities.</summary>
internal static class TierTests
{
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.roles = [{CoordinatorTier.Role}]
        akka.cluster.log-info = off
        """).WithFallback(ActorTests.Config);

    /// <summary>Joins the system to itself and starts the region; messages wait in the region until the node is up.</summary>
    public static IActorRef ChainRegion(ActorSystem system, CatalogStore catalog, TimeProvider time)
    {
        var cluster = AkkaCluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        return ChainEntities.StartRegion(system, catalog, PlanningPolicy.Default, time);
    }
}
