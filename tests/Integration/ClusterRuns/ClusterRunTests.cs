using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.ClusterRuns;

/// <summary>Coordinator + agents + ClickHouse + S3, end to end: per-shard chains across cluster runs.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class ClusterRunTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task Three_runs_chain_every_shard_one_replica_each_and_the_newest_backup_restores_the_source()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "chain");
        await scenario.CreateDataAsync(20_000);

        var runs = new List<RunView>();
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await scenario.InsertAsync(1_000 * i);
            }
            runs.Add(await scenario.RunAsync());
        }

        Assert.All(runs, r => Assert.Equal("succeeded", r.State));
        foreach (var shard in new[] { "1", "2" })
        {
            var views = runs.Select(r => r.Shards.Single(s => s.Shard == shard)).ToList();
            Assert.Equal(["full", "incremental", "incremental"], views.Select(v => v.Kind));
            Assert.Equal([null, runs[0].RunId, runs[1].RunId], views.Select(v => v.BaseRunId));
            Assert.All(views, v => Assert.Equal("replica-1", v.Replica));
        }

        // Exactly one replica of each shard ran each run's backup.
        foreach (var run in runs)
        {
            foreach (var shard in new[] { 1, 2 })
            {
                var counts = await scenario.BackupsWithIdAsync($"{run.RunId}-{shard}");
                Assert.Equal(1, counts.Where(c => c.Key.StartsWith($"s{shard}", StringComparison.Ordinal)).Sum(c => c.Value));
                Assert.Equal(0, counts.Where(c => !c.Key.StartsWith($"s{shard}", StringComparison.Ordinal)).Sum(c => c.Value));
            }
        }

        // Restoring each shard's newest (third-link) backup gives exactly the source.
        var backups = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(6, backups.Count);
        foreach (var node in scenario.Cluster.Nodes.Where(n => n.Replica == "replica-2"))
        {
            var newest = backups.Where(b => b.Shard == ClusterScenario.ShardId(node)).MaxBy(b => b.RunId)!;
            Assert.Equal(2, newest.ChainDepth);
            var scratch = scenario.Database + "_restored";
            await scenario.Client(node).ExecuteAsync(new ClickHouseQuery(BackupSqlBuilder.Restore(new RestoreRequest
            {
                Id = $"verify-{newest.RunId}-{node.Name}-{scenario.Database}",
                Source = new DiskBackupDestination(scenario.Cluster.BackupDisk, newest.Prefix),
                Databases = [new DatabaseTarget(SqlIdentifier.Create(scenario.Database)) { As = SqlIdentifier.Create(scratch) }],
                Async = false,
            }).Text), default);
            Assert.Equal(await scenario.FiguresAsync(node, scenario.Database), await scenario.FiguresAsync(node, scratch));
            await scenario.Client(node).ExecuteAsync(new ClickHouseQuery($"DROP DATABASE {scratch}"), default);
        }

        await AssertCatalogAsync(scenario, runs);
    }

    [Theory]
    [InlineData("affinity", "replica-1")]
    [InlineData("spread", "replica-2")]
    public async Task Without_a_priority_the_incremental_runs_on_the_replica_of_its_base_unless_the_policy_spreads(string policy, string replica)
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "affinity", settings: new Dictionary<string, string?>
        {
            ["backup:replica_priority:0"] = null,
            ["backup:replica_policy"] = policy,
        });
        await scenario.CreateDataAsync(20_000);

        var first = await scenario.RunAsync();
        var second = await scenario.RunAsync();
        var described = await scenario.Coordinator.GetAsync(DescribeRoutes.RunPath(second.RunId), DescribeJson.Default.RunDescription);
        var log = await scenario.Coordinator.GetAsync(RunLogRoutes.RunLogPath(second.RunId, null), RunLogJson.Default.RunLogView);

        Assert.Equal(("succeeded", "succeeded"), (first.State, second.State));
        var reason = policy == "affinity"
            ? $"chain affinity: replica-1 took the chain's previous backup {first.RunId}"
            : "least recently used healthy replica (replica_policy spread)";
        foreach (var shard in new[] { "1", "2" })
        {
            var full = first.Shards.Single(s => s.Shard == shard);
            var incremental = second.Shards.Single(s => s.Shard == shard);
            // Neither replica has backed up yet: the name breaks the tie.
            Assert.Equal(("full", "replica-1"), (full.Kind, full.Replica));
            Assert.Equal(("incremental", first.RunId, replica), (incremental.Kind, incremental.BaseRunId, incremental.Replica));
            Assert.Equal(reason, described.Shards.Single(s => s.Shard == shard).ReplicaReason);
            Assert.Contains(log.Events, e => e.Kind == "shard.dispatched" && e.Shard == shard && e.Message.EndsWith($"({reason})", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task With_the_affinity_replicas_agent_stopped_the_incremental_runs_on_its_sibling_and_says_why()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "unhealthy", settings: new Dictionary<string, string?>
        {
            ["backup:replica_priority:0"] = null,
        });
        await scenario.CreateDataAsync(5_000);
        var first = await scenario.RunAsync(); // replica-1 of each shard, by name
        await scenario.Agents.StopAsync("s1r1");
        await scenario.WaitForAgentsAsync(3);

        var second = await scenario.RunAsync();
        var described = await scenario.Coordinator.GetAsync(DescribeRoutes.RunPath(second.RunId), DescribeJson.Default.RunDescription);

        Assert.Equal(("succeeded", "succeeded"), (first.State, second.State));
        Assert.Equal(("replica-2", "chain affinity replica replica-1 is not healthy (agent disconnected); only healthy replica"),
            described.Shards.Where(s => s.Shard == "1").Select(s => (s.Replica, s.ReplicaReason)).Single());
        Assert.Equal(("replica-1", $"chain affinity: replica-1 took the chain's previous backup {first.RunId}"),
            described.Shards.Where(s => s.Shard == "2").Select(s => (s.Replica, s.ReplicaReason)).Single());
    }

    [Fact]
    public async Task With_one_replicas_agent_stopped_its_sibling_backs_up_the_shard()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "sibling");
        await scenario.CreateDataAsync(5_000);
        await scenario.Agents.StopAsync("s1r1");
        await scenario.WaitForAgentsAsync(3);

        var run = await scenario.RunAsync();

        Assert.Equal("succeeded", run.State);
        Assert.Equal("replica-2", run.Shards.Single(s => s.Shard == "1").Replica);
        Assert.Equal("replica-1", run.Shards.Single(s => s.Shard == "2").Replica);
    }

    [Fact]
    public async Task A_shard_with_no_agent_fails_and_the_other_shard_is_backed_up()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "noagent", ["s1r1", "s1r2"]);
        await scenario.CreateDataAsync(5_000);

        var run = await scenario.RunAsync();

        Assert.Equal("partial", run.State);
        Assert.Equal("succeeded", run.Shards.Single(s => s.Shard == "1").State);
        var missing = run.Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", missing.State);
        Assert.Contains("no live agent", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clickhouse_error_fails_that_shard_with_its_text_and_the_next_run_does_not_chain_from_it()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "broken");
        await scenario.CreateDataAsync(5_000, 1);

        var first = await scenario.RunAsync();

        Assert.Equal("partial", first.State);
        var failed = first.Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", failed.State);
        Assert.Contains(scenario.Database, failed.Error, StringComparison.Ordinal);
        Assert.Contains("UNKNOWN_DATABASE", failed.Error, StringComparison.Ordinal);
        var backups = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.DoesNotContain(backups, b => b.Shard == "2");

        await scenario.CreateDataAsync(5_000, 2);
        var second = await scenario.RunAsync();

        Assert.Equal("succeeded", second.State);
        Assert.Equal(("incremental", first.RunId), (second.Shards.Single(s => s.Shard == "1").Kind, second.Shards.Single(s => s.Shard == "1").BaseRunId));
        Assert.Equal(("full", null), (second.Shards.Single(s => s.Shard == "2").Kind, second.Shards.Single(s => s.Shard == "2").BaseRunId));
    }

    [Fact]
    public async Task A_coordinator_killed_during_a_run_resumes_it_without_issuing_a_second_backup()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "crash");
        await scenario.CreateDataAsync(200_000);
        var port = scenario.Coordinator.BaseUrl.Port;

        var started = await scenario.Coordinator.StartRunAsync();
        await scenario.Coordinator.DisposeAsync();
        await scenario.StartCoordinatorAsync(port);
        var done = await scenario.Coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(3));

        Assert.True(done.State == "succeeded", string.Join("; ", done.Shards.Select(s => $"{s.Shard}: {s.State} {s.Error}")));
        foreach (var shard in new[] { 1, 2 })
        {
            var counts = await scenario.BackupsWithIdAsync($"{started.RunId}-{shard}");
            Assert.Equal(1, counts.Values.Sum());
        }
        var backups = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(2, backups.Count(b => b.RunId == started.RunId));
    }

    private static async Task AssertCatalogAsync(ClusterScenario scenario, IReadOnlyList<RunView> runs)
    {
        using var store = new Shared.Storage.S3ObjectStore(scenario.S3Options());
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        var catalog = new CatalogStore(store, layout);
        foreach (var shard in new[] { "1", "2" })
        {
            var index = await catalog.ReadShardAsync(new ShardId(shard), layout.ShardPath(new ShardId(shard)), default);
            Assert.Equal(runs.Select(r => r.RunId), index.Backups.Select(b => b.RunId.Value));
            var newest = index.Backups[^1];
            var sidecar = (await catalog.ReadSidecarAsync(newest.Prefix, default))!;
            Assert.Equal(("incremental", shard, "replica-1", runs[2].RunId, 2), (sidecar.Kind, sidecar.Shard, sidecar.Replica, sidecar.RunId, sidecar.ChainDepth));
            Assert.Equal(index.Backups[^2].Prefix, sidecar.BaseBackupPath);
            Assert.Equal([scenario.Database], sidecar.Databases);
            Assert.StartsWith("26.5", sidecar.ClickhouseVersion, StringComparison.Ordinal);
            Assert.True(sidecar.NumFiles > 0 && sidecar.TotalSize > 0 && sidecar.FinishedAt >= sidecar.StartedAt);
        }
        var manifest = (await catalog.ReadRunManifestAsync(RunId.Parse(runs[2].RunId), default))!;
        Assert.Equal(("succeeded", 2), (manifest.Outcome, manifest.Shards.Count));
        Assert.All(manifest.Shards, s => Assert.Equal("succeeded", s.Status));
    }
}
