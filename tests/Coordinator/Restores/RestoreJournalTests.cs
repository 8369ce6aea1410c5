using System.Text;
using Akka.Actor;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Tests.Actors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Restores;

/// <summary>The active restore's journal, and what a coordinator that finds one at start-up makes of it.</summary>
public sealed class RestoreJournalTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly RestoreId Id = RestoreId.From(T);
    private readonly FakeTimeProvider _time = new(T.AddMinutes(5));
    private readonly InMemoryObjectStore _store;
    private readonly BackupLayout _layout = new(new LayoutOptions("p", new ClusterName("c")));

    public RestoreJournalTests() => _store = new InMemoryObjectStore(_time);

    [Fact]
    public void An_interrupted_restore_fails_every_replica_that_had_not_ended_saying_what_may_still_run_and_ends()
    {
        var state = Interrupted();

        var events = RestoreDecisions.OnInterrupted(state, T.AddMinutes(5));
        var ended = events.Aggregate(state, (s, e) => s.Apply(e));

        Assert.Equal(4, events.Count);
        Assert.IsType<RestoreFinished>(events[^1]);
        Assert.Equal(("succeeded", "failed", "failed", "partial"), (ended.Shards[0].State, ended.Shards[1].State, ended.Shards[2].State, ended.Outcome));
        Assert.Equal($"r1: the coordinator stopped while RESTORE {Op("2", "r1")} ran: it may still run or have finished on r1 " +
            $"(system.backups id '{Op("2", "r1")}'); check the tables, or restore again with --replace", ended.Shards[1].Error);
        Assert.Equal("r1: not started: the coordinator stopped before this replica's restore was dispatched", ended.Shards[2].Error);
        Assert.StartsWith("r2: interrupted by a coordinator stop while dropping the target tables (--replace)", ended.Shards[2].Replicas[1].Error is { } e ? $"r2: {e}" : "", StringComparison.Ordinal);
        Assert.Empty(RestoreDecisions.OnInterrupted(ended, T.AddMinutes(6)));
    }

    [Fact]
    public void Progress_alone_keeps_the_phases_a_phase_change_does_not()
    {
        var state = Interrupted();
        var report = state.Shards[1].Replicas[0].LastReport! with { BytesRead = 99 };

        var progressed = state.Apply(new ReplicaProgressed(T, "2", "r1", report));
        var failed = state.Apply(new ReplicaFailed(T, "2", "r1", "x"));

        Assert.True(RestoreDecisions.SamePhases(state, progressed));
        Assert.False(RestoreDecisions.SamePhases(state, failed));
        Assert.False(RestoreDecisions.SamePhases(state, state.Apply(new RestoreFinished(T))));
    }

    [Fact]
    public async Task The_journal_round_trips_a_running_restore_and_is_gone_once_cleared()
    {
        var journal = RestoreJournal.In(_store, _layout);
        var state = Interrupted();

        await journal.WriteAsync(state, default);
        var written = Encoding.UTF8.GetString((await _store.GetAsync(_layout.ActiveRestoreKey, default)).Data.Span);
        var read = await journal.ReadAsync(default);
        await journal.WriteAsync(read!, default);
        var rewritten = Encoding.UTF8.GetString((await _store.GetAsync(_layout.ActiveRestoreKey, default)).Data.Span);
        await journal.ClearAsync(default);

        Assert.Equal(written, rewritten);
        Assert.Contains("\"phase\":\"Running\"", written, StringComparison.Ordinal);
        Assert.Equal(Json(state), Json(read!));
        Assert.Null(await journal.ReadAsync(default));
        await _store.PutAsync(_layout.ActiveRestoreKey, "{\"restore_id\":"u8.ToArray(), null, default);
        var unreadable = await Assert.ThrowsAsync<InvalidDataException>(() => journal.ReadAsync(default));
        Assert.Contains("c/journal/active-restore.json", unreadable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_that_finds_a_journaled_restore_lists_it_interrupted_and_clears_the_journal()
    {
        var journal = RestoreJournal.In(_store, _layout);
        await journal.WriteAsync(Interrupted(), default);
        using var system = ActorSystem.Create("restores-test", ActorTests.Config);
        var registry = new AgentRegistry(Options.Create(new CoordinatorOptions { AgentTimeout = TimeSpan.FromDays(1) }), _time);
        var services = new RestoreServices(registry, new AgentRequests(registry, _time), new RunEventHub(), new RestoreUsage(), TimeSpan.FromSeconds(1), journal,
            _time, NullLoggerFactory.Instance);
        var restores = system.ActorOf(Props.Create(() => new RestoresActor(services)), "restores");

        var views = await restores.Ask<IReadOnlyList<RestoreView>>(new GetRestores(), TimeSpan.FromSeconds(10), default);
        var next = await restores.Ask<RestoreId>(new AllocateRestoreId(), TimeSpan.FromSeconds(10), default);

        var view = Assert.Single(views);
        Assert.Equal((Id.Value, "partial", T.AddMinutes(5)), (view.RestoreId, view.State, view.FinishedAt));
        Assert.Equal(["succeeded", "failed", "failed"], view.Shards.Select(s => s.State));
        Assert.Null(await journal.ReadAsync(default));
        Assert.True(next.Label.CompareTo(Id.Label) > 0, next.Value);
    }

    private static string Op(string shard, string replica) => Id.OperationFor(new ShardId(shard), replica).Value;

    private static string Json(RestoreState state) =>
        Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(RestoreViews.From(state), RestoreApiJson.Default.RestoreView));

    /// <summary>Shard 1 restored, shard 2's RESTORE running, shard 3 one replica planned and one dropping.</summary>
    private static RestoreState Interrupted()
    {
        var spec = new RestoreSpec(new DestinationSpec(DestinationKind.Disk, "k/"), ["shop"], [], [], null);
        RestoreShardState Shard(string shard, params RestoreReplicaState[] replicas) =>
            new(shard, new RestoreSource("20261122T020000Z", "full", $"c/shard-{shard}/full/20261122T020000Z/", ["20261122T020000Z"]), ["shop.*"], "one replica", spec, replicas);
        RestoreReplicaState Replica(string shard, string replica, ReplicaPhase phase, OperationReport? report = null) =>
            new(replica, Op(shard, replica), phase, "RESTORE ...", [], [], report, null, phase == ReplicaPhase.Planned ? null : T, phase == ReplicaPhase.Succeeded ? T : null);
        var running = new OperationReport(Op("2", "r1"), OperationState.Running, "", "q", 4, 4, 100, 100, 100, 2, 50, T, null);
        return new RestoreState(Id.Value, "c", "latest", true, null, T, null,
        [
            Shard("1", Replica("1", "r1", ReplicaPhase.Succeeded, running with { OperationId = Op("1", "r1"), State = OperationState.Succeeded })),
            Shard("2", Replica("2", "r1", ReplicaPhase.Running, running)),
            Shard("3", Replica("3", "r1", ReplicaPhase.Planned), Replica("3", "r2", ReplicaPhase.Dropping)),
        ]);
    }
}
