using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.TestKit;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Link;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Remoting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace ClickVault.Cluster.Agent.Tests.Link;

/// <summary>
/// The link actor with real in-memory parts (executor on the in-memory engine, whose backups end at once); the
/// ClusterClient is a probe, so everything the agent sends to the tier is one <see cref="ClusterClient.Send"/> on it.
/// </summary>
public sealed class AgentLinkActorTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Hocon = "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING";
    private const string Token = "agent-secret";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // A minute between heartbeats: the first tick (half of it) comes long after any test ends, so no tick interferes.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    private static readonly AgentIdentity Identity =
        new("main", "1", "replica-1", "host-1", "26.5", new Dictionary<string, string> { ["shard"] = "1", ["replica"] = "replica-1" }, "test");

    private readonly TestProbe _tier;
    private readonly ForwardingOutbox _outbox = new();
    private readonly InMemoryLocalTables _tables = new();
    private readonly OperationExecutor _executor;
    private readonly AgentParts _parts;

    public AgentLinkActorTests(ITestOutputHelper output)
        : base(Hocon, output)
    {
        _tier = CreateTestProbe("tier");
        var options = new AgentOptions { Token = Token, HeartbeatInterval = Heartbeat };
        // Zero duration: a started backup is BACKUP_CREATED on its first look-up, so its completion follows the start.
        var engine = new InMemoryBackupEngine(TimeProvider.System, ["shop"], TimeSpan.Zero);
        _executor = new OperationExecutor(engine, _outbox, TimeProvider.System, options, NullLogger<OperationExecutor>.Instance);
        _parts = new AgentParts(
            new FixedIdentity(Identity),
            _executor,
            new ConfigCollector(new ConfigBackupOptions(), NullLogger<ConfigCollector>.Instance),
            new AgentRequestHandler(_tables, new DestinationOptions(), NullLogger<AgentRequestHandler>.Instance),
            new HealthyProbe(),
            options,
            TimeProvider.System,
            NullLogger.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _executor.DisposeAsync();

    [Fact]
    public async Task On_start_it_says_hello_to_the_gateway_with_its_identity_token_and_replica()
    {
        StartLink();

        var send = await _tier.ExpectMsgAsync<ClusterClient.Send>(Wait);

        Assert.Equal(TierEndpoint.AgentGatewayPath, send.Path);
        var envelope = Assert.IsType<AgentEnvelope>(send.Message);
        Assert.Equal((Identity.Shard, Identity.Replica), (envelope.Shard, envelope.Replica));
        var hello = Assert.IsType<AgentHello>(envelope.Message);
        Assert.Equal(Identity, hello.Identity);
        Assert.Equal(Token, hello.Token);
        Assert.Empty(hello.Operations);
    }

    [Fact]
    public async Task A_backup_started_after_the_welcome_is_reported_complete_to_the_tier()
    {
        var link = await WelcomedLinkAsync();

        link.Tell(Start("op-1"), _tier.Ref);

        var completed = await FishAsync<BackupCompleted>(m => m.Report.OperationId == "op-1");
        Assert.Equal(OperationState.Succeeded, completed.Report.State);
        Assert.Equal(InMemoryBackupEngine.FilesPerBackup, completed.Report.NumFiles);
    }

    [Fact]
    public async Task A_query_is_answered_with_the_operations_status()
    {
        var link = await WelcomedLinkAsync();
        link.Tell(Start("op-q"), _tier.Ref);
        await FishAsync<BackupCompleted>(m => m.Report.OperationId == "op-q");

        link.Tell(new QueryOperations(["op-q", "op-never"]), _tier.Ref);

        var status = await FishAsync<OperationStatus>(_ => true);
        Assert.Collection(status.Reports,
            r => Assert.Equal(("op-q", OperationState.Succeeded), (r.OperationId, r.State)),
            r => Assert.Equal(("op-never", OperationState.Unknown), (r.OperationId, r.State)));
    }

    [Fact]
    public async Task A_request_is_answered_beside_the_commands()
    {
        _tables.Set("shop", "orders", "MergeTree", 3);
        var link = await WelcomedLinkAsync();

        link.Tell(new ListDatabases(new RequestId("req-1"), "sh"), _tier.Ref);

        var listed = await FishAsync<DatabasesListed>(_ => true);
        Assert.Equal(new RequestId("req-1"), listed.RequestId);
        Assert.Equal("shop", Assert.Single(listed.Databases));
        Assert.Null(listed.Error);
    }

    [Fact]
    public async Task Hello_required_makes_it_greet_again_with_every_operations_state()
    {
        var link = await WelcomedLinkAsync();
        link.Tell(Start("op-2"), _tier.Ref);
        await FishAsync<BackupCompleted>(m => m.Report.OperationId == "op-2");

        link.Tell(new HelloRequired("new singleton"), _tier.Ref);

        var hello = await FishAsync<AgentHello>(_ => true);
        Assert.Equal(Identity, hello.Identity);
        Assert.Equal(Token, hello.Token);
        var report = Assert.Single(hello.Operations);
        Assert.Equal(("op-2", OperationState.Succeeded), (report.OperationId, report.State));
    }

    [Fact]
    public async Task A_report_posted_before_the_welcome_is_held_then_sent_right_after_it()
    {
        var link = StartLink();
        await ExpectAsync<AgentHello>();
        var held = new OperationProgress(new OperationReport("op-held", OperationState.Running, string.Empty, "q-1", 1, 1, 0, 0, 0, 0, 0, null, null));

        link.Tell(new Outgoing(held));
        // A second hello is the marker: had the report gone out at once, it would come before this hello.
        link.Tell(new HelloRequired("marker"), _tier.Ref);
        await ExpectAsync<AgentHello>();
        link.Tell(new Welcome("1.0", Heartbeat), _tier.Ref);

        Assert.Equal(held, await ExpectAsync<OperationProgress>());
    }

    private IActorRef StartLink()
    {
        var (client, parts) = (_tier.Ref, _parts);
        var link = Sys.ActorOf(Props.Create(() => new AgentLinkActor(client, parts)), "link");
        _outbox.Target = link;
        return link;
    }

    private async Task<IActorRef> WelcomedLinkAsync()
    {
        var link = StartLink();
        await ExpectAsync<AgentHello>();
        link.Tell(new Welcome("1.0", Heartbeat), _tier.Ref);
        return link;
    }

    /// <summary>The next message to the tier, which must be a <typeparamref name="T"/> to the gateway.</summary>
    private async Task<T> ExpectAsync<T>()
        where T : ProtocolMessage
    {
        var send = await _tier.ExpectMsgAsync<ClusterClient.Send>(Wait);
        Assert.Equal(TierEndpoint.AgentGatewayPath, send.Path);
        var envelope = Assert.IsType<AgentEnvelope>(send.Message);
        Assert.Equal((Identity.Shard, Identity.Replica), (envelope.Shard, envelope.Replica));
        return Assert.IsType<T>(envelope.Message);
    }

    /// <summary>The first <typeparamref name="T"/> to the tier that matches, skipping anything else (e.g. progress reports).</summary>
    private async Task<T> FishAsync<T>(Func<T, bool> matches)
        where T : ProtocolMessage
    {
        var send = await _tier.FishForMessageAsync<ClusterClient.Send>(s => s.Message is AgentEnvelope { Message: T m } && matches(m), Wait);
        Assert.Equal(TierEndpoint.AgentGatewayPath, send.Path);
        return (T)((AgentEnvelope)send.Message).Message;
    }

    private static StartBackup Start(string id) => new(
        new OperationId(id), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop"],
        new DestinationSpec(DestinationKind.Disk, $"c/shard-1/full/{id}/"), null, TimeSpan.FromSeconds(1));

    private sealed class FixedIdentity(AgentIdentity identity) : IAgentIdentitySource
    {
        public Task<AgentIdentity> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(identity);
    }

    private sealed class HealthyProbe : IClickHouseProbe
    {
        public Task<ClickHouseHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(ClickHouseHealth.Ok);
    }

    /// <summary>The executor's reports to the link actor, as the agent's LinkOutbox does through the actor registry.</summary>
    private sealed class ForwardingOutbox : IAgentOutbox
    {
        public IActorRef Target { get; set; } = ActorRefs.Nobody;

        public void Post(ProtocolMessage message) => Target.Tell(new Outgoing(message), ActorRefs.NoSender);
    }
}
