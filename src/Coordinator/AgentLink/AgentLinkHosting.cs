using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Remoting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.AgentLink;

public static class AgentLinkHosting
{
    /// <summary>
    /// Agents' way in: a ClusterClient receptionist and an <see cref="AgentGatewayActor"/> on every coordinator node,
    /// and the <see cref="AgentHubActor"/> as a singleton of the tier (on the node the runs singleton runs on, whose
    /// membership it keeps).
    /// </summary>
    public static AkkaConfigurationBuilder WithAgentLink(this AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .WithClusterClientReceptionist(role: CoordinatorTier.Role)
            .WithSingleton<AgentHubActor>("agents", (_, _, _) =>
            {
                var services = new AgentSessionServices(
                    provider.GetRequiredService<AgentRegistry>(), provider.GetRequiredService<CoordinatorRuntime>(),
                    provider.GetRequiredService<ConfigArchive>(), provider.GetRequiredService<RestoreInbox>(),
                    provider.GetRequiredService<IOptions<CoordinatorOptions>>().Value,
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger<AgentHubActor>());
                return Props.Create(() => new AgentHubActor(services));
            }, CoordinatorTier.Singleton, createProxyToo: true)
            .WithActors((system, registry) =>
            {
                var gateway = system.ActorOf(Props.Create(() => new AgentGatewayActor(registry.Get<AgentHubActor>())), TierEndpoint.AgentGatewayName);
                ClusterClientReceptionist.Get(system).RegisterService(gateway);
            });
}
