using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>One run actor with probes: what it asks the shard region, what it sends agents, what its parent hears.</summary>
public sealed class RunActorTests
{
    private static readonly RunId Run = RunId.Parse("20260301T020000Z");

    [Fact]
    public async Task A_run_plans_its_shard_dispatches_one_backup_and_ends_after_the_record()
    {
        await using var w = new RunActorWorld();
        var agent = w.Agent("1");
        var parent = w.Kit.CreateTestProbe("parent");
        var actor = w.StartRun(parent, Pending("1"));

        var plan = await w.Region.ExpectMsgAsync<ShardEnvelope>(RunActorWorld.Wait);
        Assert.Equal((new ShardId("1"), true), (plan.Shard, plan.Message is PlanShard { FullRequested: false }));
        w.Region.Reply(FullPlan(w, "1"));
        var start = await RunActorWorld.NextAsync<StartBackup>(agent);
        Assert.Equal(OperationId.ForBackup(Run, new ShardId("1")), start.OperationId);

        actor.Tell(new AgentReported("1", "r1", Succeeded(start.OperationId.Value)));
        var record = await w.Region.ExpectMsgAsync<ShardEnvelope>(RunActorWorld.Wait);
        Assert.IsType<RecordBackup>(record.Message);
        w.Region.Reply(new BackupRecorded("1", "sidecar"));

        var ended = (RunEnded)await parent.FishForMessageAsync(m => m is RunEnded, RunActorWorld.Wait);
        Assert.Equal("succeeded", ended.Run.Outcome);
        Assert.NotNull(await w.Catalog.ReadRunManifestAsync(Run, default));
        Assert.Null(await w.Journal.ReadActiveAsync(default));
    }

    [Fact]
    public async Task A_resumed_run_asks_the_agent_about_its_dispatched_backup_and_never_starts_it_again()
    {
        await using var w = new RunActorWorld();
        var agent = w.Agent("1");
        var parent = w.Kit.CreateTestProbe("parent");
        var operation = OperationId.ForBackup(Run, new ShardId("1")).Value;
        var dispatched = Pending("1")
            .Apply(Planned(w, "1"))
            .Apply(new ShardDispatched(Start, "1", "r1", operation));
        var actor = w.StartRun(parent, dispatched, resumed: true);

        var query = await RunActorWorld.NextAsync<QueryOperations>(agent);
        Assert.Equal([operation], query.OperationIds);
        actor.Tell(new AgentReported("1", "r1", Succeeded(operation)));
        var record = await w.Region.ExpectMsgAsync<ShardEnvelope>(RunActorWorld.Wait);
        Assert.IsType<RecordBackup>(record.Message);
        w.Region.Reply(new BackupRecorded("1", "sidecar"));

        var ended = (RunEnded)await parent.FishForMessageAsync(m => m is RunEnded, RunActorWorld.Wait);
        Assert.Equal("succeeded", ended.Run.Outcome);
        agent.Writer.TryComplete();
        await foreach (var sent in agent.Reader.ReadAllAsync())
        {
            Assert.IsNotType<StartBackup>(sent);
        }
    }

    [Fact]
    public async Task A_shard_whose_chain_cannot_plan_fails_and_the_run_ends_failed_once()
    {
        await using var w = new RunActorWorld();
        w.Agent("1");
        var parent = w.Kit.CreateTestProbe("parent");
        w.StartRun(parent, Pending("1"));

        await w.Region.ExpectMsgAsync<ShardEnvelope>(RunActorWorld.Wait);
        w.Region.Reply(new ChainFailure("1", "planning failed: catalog.json is corrupt"));

        var ended = (RunEnded)await parent.FishForMessageAsync(m => m is RunEnded, RunActorWorld.Wait);
        Assert.Equal("failed", ended.Run.Outcome);
        Assert.Equal("planning failed: catalog.json is corrupt", Assert.Single(ended.Run.Shards).Error);
        await parent.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        await w.Region.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    internal static readonly DateTimeOffset Start = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    internal static RunState Pending(string shard) =>
        new(Run.Value, "main", "api", false, ["shop"], Start, null, [ShardState.Pending(shard, "")]);

    internal static ShardPlanResult FullPlan(RunActorWorld w, string shard)
    {
        var path = w.Layout.ShardPath(new ShardId(shard));
        return new ShardPlanResult(path, new ShardPlan(BackupKind.Full, null, 0, "no backup yet"), w.Layout.BackupPrefix(path, BackupKind.Full, Run), null, null);
    }

    internal static ShardPlanned Planned(RunActorWorld w, string shard)
    {
        var plan = FullPlan(w, shard);
        return new ShardPlanned(Start, shard, plan.ShardPath, "full", null, null, plan.Prefix, 0, plan.Plan.Reason);
    }

    internal static OperationReport Succeeded(string operation) =>
        new(operation, OperationState.Succeeded, "", "q-" + operation, 3, 3, 300, 600, 250, 0, 0, Start, Start.AddSeconds(1));
}
