using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Coordinator.Actors;

/// <summary>
/// The coordinator's one actor system, started and stopped with the host (Akka.Hosting): Akka's own log goes to the
/// host's logger factory, and each concern starts its actors (runs and shard chains, restores, the scheduler).
/// </summary>
public static class CoordinatorActorSystem
{
    public const string Name = "clickvault-coordinator";

    public static IServiceCollection AddClickVaultActorSystem(this IServiceCollection services) =>
        services.AddAkka(Name, (builder, provider) => builder
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithRunActors(provider)
            .WithRestoreActors(provider)
            .WithSchedulerActor(provider));
}
