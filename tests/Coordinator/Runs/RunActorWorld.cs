using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Tests.Actors;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>
/// The run actors with everything around them in memory: the shard region is a probe the test answers, agents are
/// channels that record what the coordinator sent them, S3 is an in-memory bucket.
/// </summary>
internal sealed class RunActorWorld : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <param name="config">The test system's config; <see cref="TierTests.Config"/> for a tier of one (sharding).</param>
    public RunActorWorld(Akka.Configuration.Config? config = null)
    {
        Kit = new TestKit(config ?? Akka.Configuration.ConfigurationFactory.ParseString(ActorTests.Config), "runs-test");
        Region = Kit.CreateTestProbe("shards");
        Registry = new AgentRegistry(Options.Create(new CoordinatorOptions { AgentTimeout = TimeSpan.FromDays(3650) }), Time);
        Catalog = new CatalogStore(Store, Layout);
        Journal = new RunJournal(Store, Layout);
        Services = new RunServices(Registry, Catalog, Journal, Events, new BackupOptions { ConfigFiles = false, Databases = ["shop"] }, PlanningPolicy.Default,
            new NotificationDispatcher(Options.Create(new NotificationOptions()), new NoSender(), new UndeliveredNotifications(), Time,
                NullLogger<NotificationDispatcher>.Instance),
            new RunEventArchive(Store, Layout), new ConfigArchive(Store, Catalog, Time, NullLogger<ConfigArchive>.Instance))
        {
            Time = Time,
            Loggers = NullLoggerFactory.Instance,
        };
    }

    public TestKit Kit { get; }

    public TestProbe Region { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    public InMemoryObjectStore Store { get; } = new();

    public BackupLayout Layout { get; } = new(new LayoutOptions("runs", new ClusterName("main")));

    public AgentRegistry Registry { get; }

    public CatalogStore Catalog { get; }

    public RunJournal Journal { get; }

    public RunEventHub Events { get; } = new();

    public RunServices Services { get; }

    /// <summary>Registers a connected agent of <paramref name="shard"/>; what the coordinator sends it lands in the returned channel.</summary>
    public Channel<ProtocolMessage> Agent(string shard, string replica = "r1")
    {
        var sent = Channel.CreateUnbounded<ProtocolMessage>();
        Registry.Register(new AgentIdentity("main", shard, replica, "host-" + replica, "26.5", new Dictionary<string, string> { ["shard"] = shard }, "test"),
            new RecordingChannel(sent));
        return sent;
    }

    /// <summary>A run actor whose parent is <paramref name="parent"/> (it receives the snapshots and the end).</summary>
    public IActorRef StartRun(TestProbe parent, RunState state, bool resumed = false)
    {
        var (latest, region, services) = (new System.Runtime.CompilerServices.StrongBox<RunState>(state), Region.Ref, Services);
        return parent.ChildActorOf(Props.Create(() => new RunActor(latest, resumed, region, services)), "run-" + state.RunId);
    }

    /// <summary>The runs actor; a run asked for before it has read the journal is answered once it has.</summary>
    public IActorRef StartRuns() =>
        Kit.Sys.ActorOf(Props.Create(() => new RunsActor("main", Region.Ref, Services)), "runs");

    public static async Task<T> NextAsync<T>(Channel<ProtocolMessage> agent)
        where T : ProtocolMessage
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (await agent.Reader.ReadAsync(timeout.Token) is T wanted)
            {
                return wanted;
            }
        }
    }

    public async ValueTask DisposeAsync() => await Kit.Sys.Terminate();

    private sealed class RecordingChannel(Channel<ProtocolMessage> sent) : IAgentChannel
    {
        public ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(sent.Writer.TryWrite(message));

        public void Close(string reason) => sent.Writer.TryComplete();
    }

    private sealed class NoSender : INotificationSender
    {
        public Task<NotificationResult> SendAsync(NotificationRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no notification target is configured in these tests");
    }
}
