using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Coordinator.Tests.Actors;
using ClickVault.Cluster.Coordinator.Tests.Runs;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Shards;

/// <summary>A shard's chain entity through the region, over an in-memory bucket: plan, record, plan again.</summary>
public sealed class ChainActorTests
{
    [Fact]
    public async Task The_first_backup_is_full_and_once_recorded_the_next_one_is_incremental_on_it()
    {
        await using var w = new RunActorWorld(TierTests.Config);
        var (catalog, time) = (w.Catalog, w.Time);
        var region = TierTests.ChainRegion(w.Kit.Sys, catalog, time);
        var shard = new ShardId("1");
        var macros = new Dictionary<string, string> { ["shard"] = "1" };
        var first = RunId.Parse("20260301T020000Z");

        var plan = Assert.IsType<ShardPlanResult>(await region.Ask<object>(new ShardEnvelope(shard, new PlanShard(first, false, macros)), RunActorWorld.Wait));
        Assert.Equal(BackupKind.Full, plan.Plan.Kind);
        // ClickHouse wrote the backup: its .backup is where the plan said.
        await w.Store.PutAsync(plan.Prefix + BackupLayout.NativeMetadataName, "<config/>"u8.ToArray(), null, default);
        var operation = OperationId.ForBackup(first, shard).Value;
        var run = RunActorTests.Pending("1")
            .Apply(new ShardPlanned(RunActorTests.Start, "1", plan.ShardPath, "full", null, null, plan.Prefix, 0, plan.Plan.Reason))
            .Apply(new ShardDispatched(RunActorTests.Start, "1", "r1", operation))
            .Apply(new ShardSucceeded(RunActorTests.Start.AddSeconds(1), "1", RunActorTests.Succeeded(operation)));
        var recorded = await region.Ask<object>(new ShardEnvelope(shard, new RecordBackup(run, run.Shard("1"), "26.5")), RunActorWorld.Wait);
        var second = Assert.IsType<ShardPlanResult>(await region.Ask<object>(
            new ShardEnvelope(shard, new PlanShard(RunId.Parse("20260302T020000Z"), false, macros)), RunActorWorld.Wait));

        Assert.Equal(plan.Prefix + BackupLayout.SidecarName, Assert.IsType<BackupRecorded>(recorded).SidecarKey);
        Assert.Equal((BackupKind.Incremental, first, plan.Prefix), (second.Plan.Kind, second.Plan.Base?.RunId, second.BasePrefix));
        Assert.Equal(new ChainAffinity("r1", first.Value), second.Previous);
        var index = await region.Ask<ShardCatalog>(new ShardEnvelope(shard, new GetShardCatalog(macros)), RunActorWorld.Wait);
        Assert.Equal([first], index.Backups.Select(b => b.RunId));
    }

    [Fact]
    public async Task Recording_a_shard_without_a_report_answers_a_chain_failure()
    {
        await using var w = new RunActorWorld(TierTests.Config);
        var (catalog, time) = (w.Catalog, w.Time);
        var region = TierTests.ChainRegion(w.Kit.Sys, catalog, time);
        var run = RunActorTests.Pending("1");

        var answer = await region.Ask<object>(new ShardEnvelope(new ShardId("1"), new RecordBackup(run, run.Shard("1"), "26.5")), RunActorWorld.Wait);

        var failure = Assert.IsType<ChainFailure>(answer);
        Assert.Contains("has no report", failure.Message, StringComparison.Ordinal);
    }
}
