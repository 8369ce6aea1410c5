using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ClickVault.Cluster.Coordinator.Tier;

/// <summary>
/// The coordinator tier: every coordinator node is a member of one Akka.Cluster with role <see cref="Role"/>. The
/// failure detector and the split-brain resolver are tuned so that a crashed node is downed in seconds (Akka's
/// defaults take ~47 s), which is what bounds a singleton's fail-over.
/// </summary>
public static class CoordinatorTier
{
    public const string Role = "coordinator";

    /// <summary>How long membership must be stable before the split-brain resolver downs the unreachable side.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where every singleton of the tier runs: on the oldest coordinator node. The proxy's "failed to find the
    /// singleton" warning is off: it fires falsely while the singleton is up (akka.net#8568), three a minute per
    /// proxy; a request the proxy cannot place times out with its own error.
    /// </summary>
    public static ClusterSingletonOptions Singleton => new() { Role = Role, LogSingletonIdentificationFailure = false };

    public static AkkaConfigurationBuilder WithCoordinatorTier(this AkkaConfigurationBuilder builder, string systemName, RemotingOptions remoting)
    {
        builder
            .WithRemoting(new RemoteOptions
            {
                HostName = remoting.Host,
                Port = remoting.Port,
                PublicHostName = remoting.AdvertisedHost,
                MaxFrameSize = ProtocolCodec.MaxFrameBytes,
                EnableSsl = remoting.TlsEnabled,
                Ssl = remoting.TlsEnabled ? RemotingTls.Load(RemotingOptions.Section, remoting.TlsCertificate, remoting.TlsPassword, remoting.TlsCa).ToSslOptions() : new SslOptions(),
            })
            .WithClustering(new ClusterOptions
            {
                Roles = [Role],
                SeedNodes = [.. remoting.SeedNodes.Select(s => TierEndpoint.TryParse(s, out var node) ? node.Address(systemName, remoting.TlsEnabled) : s)],
                SplitBrainResolver = new KeepMajorityOption { Role = Role },
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = TimeSpan.FromSeconds(1),
                    AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
                },
            })
            // Hosting has no option for these: the resolver's stability window and how long a downed node's
            // singleton is waited for before its successor starts.
            .AddHocon(
                $$"""
                akka.cluster.split-brain-resolver.stable-after = {{StableAfter.TotalSeconds}}s
                akka.cluster.down-removal-margin = 2s
                akka.cluster.singleton.hand-over-retry-interval = 500ms
                akka.cluster.log-info = off
                """,
                HoconAddMode.Prepend);
        if (!remoting.TlsEnabled)
        {
            builder.AddStartup((system, _) => system.Log.Warning(
                "Akka.Remote runs without TLS (remoting.tls_certificate and remoting.tls_ca are not set): agents and coordinator nodes are not authenticated by certificate; keep the remoting port to their network"));
        }
        if (remoting.SeedNodes.Count == 0)
        {
            // A tier of one: the node forms the cluster by joining itself.
            builder.AddStartup((system, _) => AkkaCluster.Get(system).Join(AkkaCluster.Get(system).SelfAddress));
        }
        return builder;
    }
}
