using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>A shard whose replica lost its ClickHouse mid-backup: retried once on a healthy sibling under a new attempt, or failed saying why.</summary>
public sealed class FailoverDecisionsTests
{
    private const string Lost = "the local ClickHouse has been unreachable for 30 s";
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly BackupLayout Layout = new(new LayoutOptions("p", new ClusterName("c")));

    private static RunState Dispatched(string kind = "incremental") =>
        new RunState("20261122T020000Z", "c", "api", false, ["db"], T, null, [ShardState.Pending("2", "")])
            .Apply(new ShardPlanned(T, "2", "shard-2", kind, "20261121T020000Z", "p/c/shard-2/full/20261121T020000Z/",
                $"p/c/shard-2/{kind}/20261122T020000Z/", 1, "incremental on the newest backup"))
            .Apply(new ShardDispatched(T, "2", "replica-2", "20261122T020000Z-2"));

    private static ReplicaCandidate Healthy(string replica) => new(replica, true, true, null);

    public static TheoryData<string, BackupFailover, ReplicaCandidate[], string> Failures => new()
    {
        { "failover none", BackupFailover.None, [Healthy("replica-1"), Healthy("replica-2")], "; not retried (backup.failover is none)" },
        { "no sibling", BackupFailover.Sibling, [Healthy("replica-2")], "; not retried: no healthy sibling replica (no other replica of shard 2 has an agent)" },
        { "sibling down", BackupFailover.Sibling, [new("replica-1", true, false, null), Healthy("replica-2")],
            "; not retried: no healthy sibling replica (ClickHouse does not answer on any connected replica (replica-1))" },
        { "sibling disconnected", BackupFailover.Sibling, [new("replica-1", false, true, null)],
            "; not retried: no healthy sibling replica (no agent of this shard is connected)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Without_failover_or_a_healthy_sibling_the_shard_fails_saying_why(string label, BackupFailover failover, ReplicaCandidate[] candidates, string why)
    {
        var decided = FailoverDecisions.Decide(Dispatched(), new ShardFailed(T, "2", Lost), failover, candidates, [], Layout);

        var failed = Assert.IsType<ShardFailed>(decided);
        Assert.True(failed.Error.StartsWith($"replica replica-2's backup 20261122T020000Z-2 was lost: {Lost}{why}", StringComparison.Ordinal), $"{label}: {failed.Error}");
    }

    [Theory]
    [InlineData("incremental")]
    [InlineData("full")]
    public void With_a_healthy_sibling_the_shard_is_retried_there_under_a_new_id_and_folder(string kind)
    {
        var run = Dispatched(kind);

        var decided = FailoverDecisions.Decide(run, new ShardFailed(T, "2", Lost), BackupFailover.Sibling,
            [Healthy("replica-2"), Healthy("replica-1"), Healthy("replica-3")], ["replica-3"], Layout);

        var retried = Assert.IsType<ShardRetried>(decided);
        Assert.Equal((2, "replica-2", "replica-3"), (retried.Attempt, retried.FromReplica, retried.Replica));
        Assert.Equal("20261122T020000Z.a2-2", retried.OperationId);
        Assert.Equal($"p/c/shard-2/{kind}/20261122T020000Z.a2/", retried.Prefix);
        Assert.Equal($"replica replica-2's backup 20261122T020000Z-2 was lost: {Lost}", retried.Error);

        // The retry keeps the plan (kind, base) and is dispatched: reports of the lost id no longer match the shard.
        var after = run.Apply(retried).Shard("2");
        Assert.Equal((ShardPhase.Dispatched, 2, "replica-3", "20261122T020000Z.a2-2", retried.Prefix), (after.Phase, after.Attempt, after.Replica, after.OperationId, after.Prefix));
        Assert.Equal((kind, "20261121T020000Z", "p/c/shard-2/full/20261121T020000Z/"), (after.Kind, after.BaseRunId, after.BasePrefix));
        Assert.Null(run.Apply(retried).ByOperation("20261122T020000Z-2"));
        Assert.EndsWith("; retried on replica replica-3 after replica replica-2's ClickHouse was lost", after.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_is_retried_once_only()
    {
        var run = Dispatched().Apply(new ShardRetried(T, "2", 2, "replica-2", "replica-1", "20261122T020000Z.a2-2", "p/c/shard-2/incremental/20261122T020000Z.a2/", Lost));

        var decided = FailoverDecisions.Decide(run, new ShardFailed(T, "2", Lost), BackupFailover.Sibling, [Healthy("replica-2"), Healthy("replica-3")], [], Layout);

        Assert.EndsWith("; not retried again (attempt 2 of 2)", Assert.IsType<ShardFailed>(decided).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_being_cancelled_is_not_retried()
    {
        var run = Dispatched().Apply(new RunCancelRequested(T));
        var failed = new ShardFailed(T, "2", CancelDecisions.Explain(run, Lost));

        Assert.Same(failed, FailoverDecisions.Decide(run, failed, BackupFailover.Sibling, [Healthy("replica-1")], [], Layout));
    }
}
