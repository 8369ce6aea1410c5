using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Restores;

public sealed class RestoreStateTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly RestoreId Id = RestoreId.From(T);

    private static RestoreState Planned(params (string Shard, string[] Replicas)[] shards) => new(
        Id.Value, "c", "latest", false, null, T, null,
        [.. shards.Select(s => new RestoreShardState(s.Shard, new RestoreSource("20261122T020000Z", "full", $"c/shard-{s.Shard}/full/20261122T020000Z/", ["20261122T020000Z"]),
            ["shop.*"], "every replica", new RestoreSpec(new DestinationSpec(DestinationKind.Disk, "k/"), ["shop"], [], [], null),
            [.. s.Replicas.Select(r => new RestoreReplicaState(r, Id.OperationFor(new ShardId(s.Shard), r).Value, ReplicaPhase.Planned, "RESTORE ...", [], [], null, null, null, null))]))]);

    private static OperationReport Report(string shard, string replica, OperationState state, ulong read = 10, string error = "") =>
        new(Id.OperationFor(new ShardId(shard), replica).Value, state, error, "q", 4, 4, 100, 100, 100, 2, read, T, null);

    private static RestoreState Dispatched(RestoreState state) =>
        state.Shards.SelectMany(s => s.Replicas.Select(r => new ReplicaDispatched(T, s.Shard, r.Replica))).Aggregate(state, (st, e) => st.Apply(e));

    [Fact]
    public void A_shard_succeeds_once_every_replica_restored_and_the_restore_then_finishes()
    {
        var state = Dispatched(Planned(("1", ["r1", "r2"])));

        state = state.Apply(Assert.IsType<ReplicaProgressed>(Assert.Single(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Running), T))));
        Assert.Empty(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Running), T));
        state = state.Apply(Assert.IsType<ReplicaSucceeded>(Assert.Single(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Succeeded, 100), T))));

        Assert.Equal("running", state.Shards[0].State);
        Assert.Empty(RestoreDecisions.MaybeFinish(state, T));
        state = state.Apply(Assert.Single(RestoreDecisions.OnReport(state, "r2", Report("1", "r2", OperationState.Succeeded, 100), T)));
        state = state.Apply(Assert.IsType<RestoreFinished>(Assert.Single(RestoreDecisions.MaybeFinish(state, T))));

        Assert.Equal(("succeeded", "succeeded"), (state.Shards[0].State, state.Outcome));
        var view = RestoreViews.From(state);
        Assert.Equal(1.0, view.Shards[0].Replicas[0].Progress);
        var asRun = RestoreViews.AsRunShard(state.Shards[0]);
        Assert.Equal(("r1,r2", "full", "20261122T020000Z", 200UL, 1.0), (asRun.Replica, asRun.Kind, asRun.BaseRunId, asRun.BytesWritten, asRun.Progress));
    }

    [Fact]
    public void A_failed_replica_fails_its_shard_and_a_restore_with_one_good_shard_is_partial()
    {
        var state = Dispatched(Planned(("1", ["r1"]), ("2", ["r1"])));

        state = state.Apply(Assert.Single(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Succeeded), T)));
        state = state.Apply(Assert.IsType<ReplicaFailed>(Assert.Single(RestoreDecisions.OnFailure(state, "r1", Report("2", "r1", OperationState.Failed), "Code: 599. BACKUP_NOT_FOUND", T))));
        state = state.Apply(Assert.Single(RestoreDecisions.MaybeFinish(state, T)));

        Assert.Equal(("succeeded", "failed", "partial"), (state.Shards[0].State, state.Shards[1].State, state.Outcome));
        Assert.Equal("r1: Code: 599. BACKUP_NOT_FOUND", state.Shards[1].Error);
        Assert.Empty(RestoreDecisions.OnReport(state, "r1", Report("2", "r1", OperationState.Succeeded), T));
    }

    [Fact]
    public void Reports_from_another_replica_about_unknown_operations_or_before_dispatch_change_nothing()
    {
        var planned = Planned(("1", ["r1", "r2"]));
        var state = Dispatched(planned);

        Assert.Empty(RestoreDecisions.OnReport(state, "r2", Report("1", "r1", OperationState.Succeeded), T));
        Assert.Empty(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Unknown), T));
        Assert.Empty(RestoreDecisions.OnReport(state, "r1", Report("1", "r1", OperationState.Succeeded) with { OperationId = "20261122T020000Z-1" }, T));
        Assert.Empty(RestoreDecisions.OnReport(planned, "r1", Report("1", "r1", OperationState.Succeeded), T));
        Assert.Empty(RestoreDecisions.OnFailure(planned.Apply(new ReplicaDropping(T, "1", "r1")), "r1", Report("1", "r1", OperationState.Failed), "x", T));
        Assert.Equal("planned", planned.Shards[0].State);
    }

    [Fact]
    public void A_dry_run_is_planned_or_refused_by_its_conflicts_and_usage_tracks_the_active_restores_chain()
    {
        var conflict = new TableFigures("shop", "orders", "MergeTree", 12, null, null);
        var planned = Planned(("1", ["r1"]));
        var refused = planned with { Shards = [planned.Shards[0] with { Replicas = [planned.Shards[0].Replicas[0] with { Conflicts = [conflict] }] }] };
        var usage = new RestoreUsage();

        usage.Track(planned with { Shards = [planned.Shards[0] with { Source = planned.Shards[0].Source with { Chain = ["20261121T020000Z", "20261122T020000Z"] } }] });

        Assert.Equal("planned", RestoreViews.From(planned, dryRun: true).State);
        Assert.Equal(("refused", "shard 1 r1: shop.orders (12 rows)"), (RestoreViews.From(refused, dryRun: true).State, Assert.Single(RestoreViews.From(refused, dryRun: true).Conflicts)));
        Assert.Equal("planned", RestoreViews.From(refused with { Replace = true }, dryRun: true).State);
        Assert.Equal([RunId.Parse("20261121T020000Z"), RunId.Parse("20261122T020000Z")], usage.RunsInUse()[new ShardId("1")].Order());
        usage.Track(null);
        Assert.Empty(usage.RunsInUse());
    }
}
