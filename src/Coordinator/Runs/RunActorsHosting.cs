using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Runs;

public static class RunActorsHosting
{
    /// <summary>
    /// Starts the shard region of chain entities and the runs actor as the tier's cluster singleton; the use cases
    /// reach both through <see cref="IRequiredActor{TActor}"/> (the region, and the singleton's proxy on this node).
    /// </summary>
    public static AkkaConfigurationBuilder WithRunActors(this AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        var catalog = provider.GetRequiredService<CatalogStore>();
        var backup = provider.GetRequiredService<IOptions<BackupOptions>>().Value;
        var time = provider.GetRequiredService<TimeProvider>();
        var policy = new PlanningPolicy(backup.FullBackupIntervalDays, backup.MaxChainDepth);
        return builder
            .WithChainEntities(catalog, policy, time)
            .WithSingleton<RunsActor>(
                "runs", (_, registry, _) => RunsProps(provider, registry.Get<ChainActor>(), catalog, backup, policy, time),
                CoordinatorTier.Singleton, createProxyToo: true);
    }

    private static Props RunsProps(
        IServiceProvider provider, IActorRef region, CatalogStore catalog, BackupOptions backup, PlanningPolicy policy, TimeProvider time)
    {
        var cluster = provider.GetRequiredService<IOptions<CoordinatorOptions>>().Value.Cluster;
        var store = provider.GetRequiredService<IObjectStore>();
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
        return Props.Create(() => new RunsActor(cluster, region, services));
    }
}
