using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Tls;

namespace ClickVault.Cluster.Coordinator.Tests.AgentLink;

/// <summary>
/// A protocol-level agent for coordinator tests: an actor system of its own with Akka.Remote and a ClusterClient, as
/// the real agent has, whose messages are written by the test and whose inbox the test reads.
/// </summary>
internal sealed class ProtocolAgent : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _client;
    private readonly IActorRef _inbox;
    private readonly Channel<ProtocolMessage> _received = Channel.CreateUnbounded<ProtocolMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeats;
    private readonly RemotingTls _tls;

    private ProtocolAgent(string contact, string shard, string replica, TestCertificates certificates)
    {
        Shard = shard;
        Replica = replica;
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, maximum-frame-size = {{ProtocolCodec.MaxFrameBytes}}b, enable-ssl = true }
            akka.actor.serializers.clickvault-protocol = "ClickVault.Cluster.Shared.Protocol.ProtocolSerializer, ClickVault.Cluster.Shared"
            akka.actor.serialization-bindings { "ClickVault.Cluster.Shared.Protocol.ProtocolMessage, ClickVault.Cluster.Shared" = clickvault-protocol }
            """).WithFallback(ClusterClientReceptionist.DefaultConfig()).WithFallback(DistributedPubSub.DefaultConfig());
        _tls = RemotingTls.Load("test", certificates.Agent, TestCertificates.Password, certificates.Authority);
        var ssl = _tls.ToSslOptions();
        _system = ActorSystem.Create("protocol-agent", BootstrapSetup.Create().WithConfig(config)
            .And(new DotNettySslSetup(_tls.Certificate, false, true, false, ssl.CustomValidator)));
        TierEndpoint.TryParse(contact, out var endpoint);
        _client = _system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(_system)
            .WithInitialContacts([ActorPath.Parse(endpoint!.Receptionist(tls: true))])), "client");
        _inbox = _system.ActorOf(Props.Create(() => new Inbox(_received.Writer)), "link");
        _heartbeats = HeartbeatLoopAsync();
    }

    public string Shard { get; }

    public string Replica { get; }

    /// <summary>Heartbeats are sent once a hello was; a test that wants silence turns them off.</summary>
    public bool Heartbeating { get; set; } = true;

    private bool HelloSent { get; set; }

    /// <param name="certificates">Its certificate and CA; default: the test process's, which the coordinator trusts.</param>
    public static ProtocolAgent Connect(string contact, string shard, string replica, TestCertificates? certificates = null) =>
        new(contact, shard, replica, certificates ?? TestCertificates.Default);

    public static AgentIdentity Identity(string shard, string replica, string cluster = "c", int shards = 2) => new(
        cluster, shard, replica, $"host-{shard}-{replica}", "26.5.1.1",
        new Dictionary<string, string> { ["cluster"] = cluster, ["shard"] = shard, ["replica"] = replica }, "test")
    {
        Topology = [.. Enumerable.Range(1, shards).Select(n => new TopologyReplica(n, 1, "127.0.0.1", 9000 + n, n.ToString(System.Globalization.CultureInfo.InvariantCulture) == shard))],
    };

    /// <summary>Says hello as <paramref name="replica"/> of <paramref name="shard"/> (in a cluster of <paramref name="shards"/>) and awaits the welcome.</summary>
    public static async Task<ProtocolAgent> JoinAsync(
        InProcessCoordinator coordinator, string shard, IReadOnlyList<OperationReport> operations, int shards = 2, string replica = "r1")
    {
        var agent = Connect(coordinator.AgentContact, shard, replica);
        agent.Send(new AgentHello(Identity(shard, replica, shards: shards), operations) { Token = InProcessCoordinator.AgentToken });
        await agent.ExpectAsync<Welcome>();
        return agent;
    }

    /// <summary>Sends <paramref name="message"/> in an envelope from this agent's shard and replica.</summary>
    public void Send(ProtocolMessage message) => SendAs(Shard, Replica, message);

    public void SendAs(string shard, string replica, ProtocolMessage message)
    {
        HelloSent |= message is AgentHello;
        _client.Tell(new ClusterClient.Send(TierEndpoint.AgentGatewayPath, new AgentEnvelope(shard, replica, message)), _inbox);
    }

    /// <summary>The next message of type <typeparamref name="T"/> (others are skipped), or a timeout failure.</summary>
    public async Task<T> ExpectAsync<T>(TimeSpan? timeout = null)
        where T : ProtocolMessage
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await _received.Reader.ReadAsync(cancel.Token) is T typed)
            {
                return typed;
            }
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (HelloSent && Heartbeating)
                {
                    Send(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeats;
        await _system.Terminate();
        _stop.Dispose();
        _tls.Dispose();
    }

    private sealed class Inbox : ReceiveActor
    {
        public Inbox(ChannelWriter<ProtocolMessage> received) => Receive<ProtocolMessage>(m => received.TryWrite(m));
    }
}
