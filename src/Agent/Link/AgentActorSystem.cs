using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.Link;

/// <summary>The ClusterClient's key in the actor registry.</summary>
public sealed class CoordinatorTierClient;

/// <summary>
/// The agent's one actor system (Akka.Hosting): Akka.Remote, not a cluster member; a ClusterClient to the receptionists
/// of <c>agent.coordinator_contacts</c>, and the <see cref="AgentLinkActor"/> that speaks through it.
/// </summary>
public static class AgentActorSystem
{
    public const string Name = "clickvault-agent";

    public static IServiceCollection AddClickVaultAgentLink(this IServiceCollection services) =>
        services.AddAkka(Name, (builder, provider) =>
        {
            // The host builds this before it validates the options: validate every section now, so that a bad
            // configuration is reported whole, not as the first bad key of the agent section.
            provider.GetRequiredService<IStartupValidator>().Validate();
            var options = provider.GetRequiredService<AgentOptions>();
            var contacts = options.CoordinatorContacts.Select(c => TierEndpoint.TryParse(c, out var e) ? e.Receptionist(options.TlsEnabled) : c).ToList();
            builder
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .AddHocon(
                    $$"""
                    akka.stdout-loglevel = WARNING
                    akka.cluster.client.establishing-get-contacts-interval = {{Millis(options.ReconnectMinDelay)}}ms
                    akka.cluster.client.heartbeat-interval = {{Millis(ClientHeartbeat(options))}}ms
                    akka.cluster.client.acceptable-heartbeat-pause = {{Millis(ClientHeartbeat(options) * 4)}}ms
                    # A coordinator node that restarts is dialled again within a second, not Akka's default five.
                    akka.remote.retry-gate-closed-for = 1s
                    """,
                    HoconAddMode.Prepend)
                .WithRemoting(new RemoteOptions
                {
                    HostName = options.RemotingHost,
                    Port = options.RemotingPort,
                    MaxFrameSize = ProtocolCodec.MaxFrameBytes,
                    EnableSsl = options.TlsEnabled,
                    Ssl = options.TlsEnabled ? RemotingTls.Load(AgentOptions.Section, options.TlsCertificate!, options.TlsPassword, options.TlsCa!).ToSslOptions() : new SslOptions(),
                    // Unique per host: the tier tells agents apart by address, and answers over the agent's own connection.
                    PublicHostName = options.RemotingHost is "0.0.0.0" or "::" or "127.0.0.1" or "localhost" ? System.Net.Dns.GetHostName() : options.RemotingHost,
                })
                .WithCustomSerializer(ProtocolSerializer.Name, [typeof(ProtocolMessage)], system => new ProtocolSerializer(system))
                .WithClusterClient<CoordinatorTierClient>(contacts)
                // The client wraps every message in a pub-sub Send: without that serializer Akka falls back to JSON.NET.
                .AddHocon(DistributedPubSub.DefaultConfig(), HoconAddMode.Append)
                .WithActors((system, registry, resolver) =>
                {
                    if (!options.TlsEnabled)
                    {
                        system.Log.Warning("Akka.Remote runs without TLS (agent.tls_certificate and agent.tls_ca are not set): the coordinator tier is not authenticated by certificate");
                    }

                    var parts = new AgentParts(
                        provider.GetRequiredService<IAgentIdentitySource>(),
                        provider.GetRequiredService<OperationExecutor>(),
                        provider.GetRequiredService<ConfigCollector>(),
                        provider.GetRequiredService<AgentRequestHandler>(),
                        provider.GetRequiredService<IClickHouseProbe>(),
                        options,
                        provider.GetRequiredService<TimeProvider>(),
                        provider.GetRequiredService<ILoggerFactory>().CreateLogger<AgentLinkActor>());
                    var client = registry.Get<CoordinatorTierClient>();
                    registry.Register<AgentLinkActor>(system.ActorOf(Props.Create(() => new AgentLinkActor(client, parts)), "link"));
                });
        });

    /// <summary>The ClusterClient notices a lost node within five of these: at most a second, sooner with fast heartbeats.</summary>
    private static TimeSpan ClientHeartbeat(AgentOptions options) =>
        options.HeartbeatInterval < TimeSpan.FromSeconds(1) ? options.HeartbeatInterval : TimeSpan.FromSeconds(1);

    private static string Millis(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The executor's reports, handed to the link actor (which sends or keeps them).</summary>
public sealed class LinkOutbox(IRequiredActor<AgentLinkActor> link) : IAgentOutbox
{
    public void Post(ProtocolMessage message) => link.ActorRef.Tell(new Outgoing(message), ActorRefs.NoSender);
}
