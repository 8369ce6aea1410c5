using Akka.Hosting;
using ClickVault.Cluster.Coordinator.AgentLink;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Actors;

/// <summary>
/// The coordinator's one actor system, started and stopped with the host (Akka.Hosting): a member of the coordinator
/// tier (<see cref="CoordinatorTier"/>); Akka's own log goes to the host's logger factory, and each concern starts its
/// actors (the agents' gateway and hub; the shard region of chains; the runs, restores and scheduler singletons).
/// </summary>
public static class CoordinatorActorSystem
{
    public const string Name = TierEndpoint.SystemName;

    public static IServiceCollection AddClickVaultActorSystem(this IServiceCollection services) =>
        services.AddAkka(Name, (builder, provider) => builder
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            // What Akka logs before the logger factory is attached and after it is gone (start, shutdown) goes to stdout.
            .AddHocon("akka.stdout-loglevel = WARNING", HoconAddMode.Prepend)
            .WithCoordinatorTier(Name, provider.GetRequiredService<IOptions<RemotingOptions>>().Value)
            .WithCustomSerializer(ProtocolSerializer.Name, [typeof(ProtocolMessage)], system => new ProtocolSerializer(system))
            .WithAgentLink(provider)
            .WithRunActors(provider)
            .WithRestoreActors(provider)
            .WithSchedulerActor(provider));
}
