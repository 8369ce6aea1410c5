using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Restores;

/// <summary>Restores end to end on the embedded 2x2 cluster: coordinator, agents, ClickHouse RESTORE from S3.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class RestoreTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task A_table_dropped_on_one_shard_is_restored_from_latest_with_the_same_rows_and_sum()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "droptable");
        await scenario.CreateDataAsync(5_000);
        await scenario.CreateMoreTablesAsync();
        var run = await scenario.RunAsync();
        Assert.Equal("succeeded", run.State);
        var shard2 = scenario.Cluster.Nodes.Where(n => n.Shard == 2).ToList();
        var before = new Dictionary<string, ClusterRuns.Figures>();
        foreach (var node in shard2)
        {
            before[node.Name] = await scenario.FiguresAsync(node, scenario.Database);
            await scenario.ExecuteAsync(node, $"DROP TABLE {scenario.Database}.events");
        }

        var (restore, events) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest("latest", Shards: ["2"], Tables: [$"{scenario.Database}.events"]));

        Assert.True(restore.State == "succeeded", Describe(restore));
        var shard = Assert.Single(restore.Shards);
        Assert.Equal((run.RunId, "full"), (shard.Backup.RunId, shard.Backup.Kind));
        Assert.Equal(["replica-1", "replica-2"], shard.Replicas.Select(r => r.Replica));
        Assert.Contains("events is MergeTree, not replicated", shard.ReplicaChoice, StringComparison.Ordinal);
        foreach (var node in shard2)
        {
            Assert.Equal(before[node.Name], await scenario.FiguresAsync(node, scenario.Database));
        }

        Assert.Contains(events, e => e.Kind == "shard.succeeded" && e.Shard == "2" && e.ShardState!.Progress == 1.0);
        Assert.Contains(events, e => e.Kind == "restore.finished" && e.Message.EndsWith("succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whole_run_restored_as_a_new_database_on_every_shard_equals_the_source_table_by_table()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "asdb");
        await scenario.CreateDataAsync(4_000);
        await scenario.CreateMoreTablesAsync();
        var run = await scenario.RunAsync();
        var copy = scenario.Database + "_copy";
        try
        {
            var (restore, _) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest(run.RunId, AsDatabase: copy));

            Assert.True(restore.State == "succeeded", Describe(restore));
            Assert.Equal(["1", "2"], restore.Shards.Select(s => s.Shard));
            Assert.All(restore.Shards, s => Assert.Equal([$"{scenario.Database}.*"], s.Tables));
            Assert.All(restore.Shards.SelectMany(s => s.Replicas), r => Assert.StartsWith(
                $"RESTORE DATABASE `{scenario.Database}` AS `{copy}` FROM Disk('backups', ", r.Sql, StringComparison.Ordinal));
            foreach (var node in scenario.Cluster.Nodes)
            {
                var source = await scenario.TablesAsync(node, scenario.Database);
                Assert.Equal(["customers", "events", "events_daily"], source.Select(t => t.Name));
                Assert.Equal(source, await scenario.TablesAsync(node, copy));
            }
        }
        finally
        {
            await DropAsync(scenario, copy);
        }
    }

    [Fact]
    public async Task The_third_link_of_a_deep_chain_restores_the_data_as_it_was_at_that_run()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "deep");
        await scenario.CreateDataAsync(3_000);
        var runs = new List<RunView> { await scenario.RunAsync() };
        await scenario.InsertAsync(1_000);
        runs.Add(await scenario.RunAsync());
        await scenario.InsertAsync(700);
        runs.Add(await scenario.RunAsync());
        var atThirdRun = new Dictionary<string, IReadOnlyList<TableSnapshot>>();
        foreach (var node in scenario.Cluster.Nodes)
        {
            atThirdRun[node.Name] = await scenario.TablesAsync(node, scenario.Database);
        }

        await scenario.InsertAsync(500);
        var copy = scenario.Database + "_at3";
        try
        {
            var (restore, _) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest(runs[2].RunId, AsDatabase: copy));

            Assert.True(restore.State == "succeeded", Describe(restore));
            Assert.All(restore.Shards, s =>
            {
                Assert.Equal(("incremental", runs[2].RunId), (s.Backup.Kind, s.Backup.RunId));
                Assert.Equal(runs.Select(r => r.RunId), s.Backup.Chain);
            });
            foreach (var node in scenario.Cluster.Nodes)
            {
                Assert.Equal(atThirdRun[node.Name], await scenario.TablesAsync(node, copy));
                Assert.NotEqual(atThirdRun[node.Name], await scenario.TablesAsync(node, scenario.Database));
            }
        }
        finally
        {
            await DropAsync(scenario, copy);
        }
    }

    [Fact]
    public async Task A_tables_pattern_restores_only_the_matching_tables()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "pattern");
        await scenario.CreateDataAsync(2_000);
        await scenario.CreateMoreTablesAsync();
        await scenario.RunAsync();
        var copy = scenario.Database + "_ev";
        try
        {
            var nothing = await scenario.RestoreAsync(new StartRestoreRequest("latest", Tables: [$"{scenario.Database}.nope*"], AsDatabase: copy));
            Assert.Equal((400, "invalid_request"), (nothing.Status, nothing.Error!.Code));
            Assert.Contains($"--tables pattern '{scenario.Database}.nope*' matches no table", nothing.Error.Message, StringComparison.Ordinal);

            var (restore, _) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest("latest", Tables: [$"{scenario.Database}.even?s*"], AsDatabase: copy));

            Assert.True(restore.State == "succeeded", Describe(restore));
            Assert.All(restore.Shards, s => Assert.Equal([$"{scenario.Database}.* except customers"], s.Tables));
            Assert.All(restore.Shards.SelectMany(s => s.Replicas), r => Assert.Contains(
                $"EXCEPT TABLES `{scenario.Database}`.`customers`", r.Sql, StringComparison.Ordinal));
            foreach (var node in scenario.Cluster.Nodes)
            {
                var source = await scenario.TablesAsync(node, scenario.Database);
                Assert.Equal(source.Where(t => t.Name != "customers"), await scenario.TablesAsync(node, copy));
            }
        }
        finally
        {
            await DropAsync(scenario, copy);
        }
    }

    [Fact]
    public async Task Restoring_over_a_non_empty_table_is_refused_and_replace_drops_it_first()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "replace");
        await scenario.CreateDataAsync(3_000);
        await scenario.RunAsync();
        var atBackup = new Dictionary<string, IReadOnlyList<TableSnapshot>>();
        foreach (var node in scenario.Cluster.Nodes)
        {
            atBackup[node.Name] = await scenario.TablesAsync(node, scenario.Database);
        }

        await scenario.InsertAsync(100);
        var refused = await scenario.RestoreAsync(new StartRestoreRequest("latest"));

        Assert.Equal((409, "tables_not_empty"), (refused.Status, refused.Error!.Code));
        Assert.Contains($"shard 1 replica-1: {scenario.Database}.events (3,100 rows)", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--replace", refused.Error.Message, StringComparison.Ordinal);
        foreach (var node in scenario.Cluster.Nodes)
        {
            Assert.NotEqual(atBackup[node.Name], await scenario.TablesAsync(node, scenario.Database));
        }

        var (restore, events) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest("latest", Replace: true));

        Assert.True(restore.State == "succeeded", Describe(restore));
        Assert.All(restore.Shards.SelectMany(s => s.Replicas), r => Assert.Equal([$"{scenario.Database}.events"], r.Drops));
        Assert.Contains(events, e => e.Kind == "shard.dropped");
        foreach (var node in scenario.Cluster.Nodes)
        {
            Assert.Equal(atBackup[node.Name], await scenario.TablesAsync(node, scenario.Database));
        }
    }

    [Fact]
    public async Task A_dry_run_shows_backup_replicas_and_sql_and_runs_nothing()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "dryrun");
        await scenario.CreateDataAsync(1_000);
        var run = await scenario.RunAsync();
        var copy = scenario.Database + "_dry";

        var plan = await scenario.RestoreAsync(new StartRestoreRequest("latest", AsDatabase: copy, DryRun: true, Replicas: "one"));
        var refused = await scenario.RestoreAsync(new StartRestoreRequest("latest", DryRun: true));

        Assert.Equal(200, plan.Status);
        var view = plan.View;
        Assert.Equal((true, "planned"), (view.DryRun, view.State));
        foreach (var shard in view.Shards)
        {
            Assert.Equal((run.RunId, "full"), (shard.Backup.RunId, shard.Backup.Kind));
            Assert.Equal($"{scenario.Prefix}/{scenario.Cluster.Cluster}/shard-{shard.Shard}/full/{run.RunId}/", shard.Backup.Prefix);
            var replica = Assert.Single(shard.Replicas);
            Assert.Equal(("replica-1", "planned"), (replica.Replica, replica.State));
            Assert.Equal(
                $"RESTORE DATABASE `{scenario.Database}` AS `{copy}` FROM Disk('backups', '{shard.Backup.Prefix}') SETTINGS id = '{replica.OperationId}' ASYNC",
                replica.Sql);
        }

        Assert.Equal((200, "refused"), (refused.Status, refused.View.State));
        Assert.Equal(4, refused.View.Conflicts.Count);
        foreach (var node in scenario.Cluster.Nodes)
        {
            Assert.Empty(await scenario.TablesAsync(node, copy));
            Assert.Equal(0, await scenario.OperationsAsync(node, view.RestoreId));
            Assert.Equal(0, await scenario.OperationsAsync(node, refused.View.RestoreId));
        }

        var unknown = await scenario.RestoreAsync(new StartRestoreRequest("20200101T000000Z", DryRun: true));
        Assert.Equal((404, "unknown_run"), (unknown.Status, unknown.Error!.Code));
    }

    [Fact]
    public async Task A_restore_running_when_the_coordinator_stops_is_listed_interrupted_after_its_restart()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "restorestop");
        await scenario.CreateDataAsync(200_000);
        var run = await scenario.RunAsync();
        var copy = scenario.Database + "_copy";
        var port = scenario.Coordinator.BaseUrl.Port;

        var started = (await scenario.RestoreAsync(new StartRestoreRequest(run.RunId, AsDatabase: copy))).View!;
        await scenario.Coordinator.DisposeAsync();
        await scenario.StartCoordinatorAsync(port);
        var listed = await scenario.Coordinator.GetAsync(RestoreRoutes.Restores, RestoreApiJson.Default.IReadOnlyListRestoreView);
        await scenario.WaitForRestoresToEndAsync(started.RestoreId);
        await DropAsync(scenario, copy);

        var interrupted = Assert.Single(listed);
        Assert.Equal(started.RestoreId, interrupted.RestoreId);
        Assert.True(interrupted.State is "failed" or "partial" && interrupted.FinishedAt is not null, Describe(interrupted));
        var stopped = interrupted.Shards.SelectMany(s => s.Replicas).Where(r => r.State != "succeeded").ToList();
        Assert.NotEmpty(stopped);
        Assert.All(stopped, r => Assert.Matches("^(not started: the coordinator stopped|the coordinator stopped while RESTORE " + r.OperationId + " ran)", r.Error));
        using var store = new S3ObjectStore(scenario.S3Options());
        var layout = new Shared.Layout.BackupLayout(new Shared.Layout.LayoutOptions(scenario.Prefix, new Shared.Layout.ClusterName(scenario.Cluster.Cluster)));
        Assert.False(await store.ExistsAsync(layout.ActiveRestoreKey, default));
    }

    private static string Describe(RestoreView restore) =>
        $"{restore.State}: " + string.Join("; ", restore.Shards.SelectMany(s => s.Replicas.Select(r => $"{s.Shard}/{r.Replica}: {r.State} {r.Error}")));

    private static async Task DropAsync(ClusterScenario scenario, string database)
    {
        foreach (var node in scenario.Cluster.Nodes)
        {
            await scenario.ExecuteAsync(node, $"DROP DATABASE IF EXISTS {database}");
        }
    }
}
