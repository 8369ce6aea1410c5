using Akka.Actor;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Runs;

public static class RunActorsHosting
{
    /// <summary>Starts the shard region (one chain entity per shard) and the runs actor, registered for <see cref="IRequiredActor{TActor}"/>.</summary>
    public static AkkaConfigurationBuilder WithRunActors(this AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithActors((system, registry) =>
        {
            var backup = provider.GetRequiredService<IOptions<BackupOptions>>().Value;
            var cluster = provider.GetRequiredService<IOptions<CoordinatorOptions>>().Value.Cluster;
            var catalog = provider.GetRequiredService<CatalogStore>();
            var time = provider.GetRequiredService<TimeProvider>();
            var store = provider.GetRequiredService<IObjectStore>();
            var policy = new PlanningPolicy(backup.FullBackupIntervalDays, backup.MaxChainDepth);
            var services = new RunServices(
                provider.GetRequiredService<AgentRegistry>(), catalog, new RunJournal(store, catalog.Layout),
                provider.GetRequiredService<RunEventHub>(), backup, policy, provider.GetRequiredService<NotificationDispatcher>(),
                new RunEventArchive(store, catalog.Layout), provider.GetRequiredService<ConfigArchive>(),
                // Resolved now, not injected: a listener (auto-cleanup) may itself depend on the runtime over these actors.
                [.. provider.GetServices<IRunFinishedListener>()],
                provider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping)
            {
                Time = time,
                Loggers = provider.GetRequiredService<ILoggerFactory>(),
            };
            var region = system.ActorOf(Props.Create(() => new ShardRegionActor(catalog, policy, time)), "shards");
            registry.Register<ShardRegionActor>(region);
            registry.Register<RunsActor>(system.ActorOf(Props.Create(() => new RunsActor(cluster, region, services)), "runs"));
        });
}
