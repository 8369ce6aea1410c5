using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Restores;

public static class RestoreActorsHosting
{
    /// <summary>
    /// Starts the restores actor (one restore at a time, journaled) as a cluster singleton of the tier; its proxy on
    /// this node is what <see cref="IRequiredActor{TActor}"/> gives the use cases.
    /// </summary>
    public static AkkaConfigurationBuilder WithRestoreActors(this AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithSingleton<RestoresActor>("restores", (_, _, _) =>
        {
            var catalog = provider.GetRequiredService<CatalogStore>();
            var services = new RestoreServices(
                provider.GetRequiredService<AgentRegistry>(), provider.GetRequiredService<AgentRequests>(), provider.GetRequiredService<RunEventHub>(),
                provider.GetRequiredService<RestoreUsage>(), provider.GetRequiredService<IOptions<BackupOptions>>().Value.PollInterval,
                RestoreJournal.In(provider.GetRequiredService<IObjectStore>(), catalog.Layout),
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>());
            return Props.Create(() => new RestoresActor(services));
        }, CoordinatorTier.Singleton, createProxyToo: true);
}
