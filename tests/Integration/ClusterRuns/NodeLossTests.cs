using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.ClusterRuns;

/// <summary>
/// kill -9 of the ClickHouse node creating shard 2's backup, mid-backup: the run ends (its agent gives up after
/// <c>backup.clickhouse_unreachable_timeout</c>) with the shard failed, or backed up on its sibling under a new id and
/// folder; the next run chains on what succeeded, never on the lost attempt.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class NodeLossTests(TwoByTwoClusterFixture fixture)
{
    private static readonly TimeSpan Unreachable = TimeSpan.FromSeconds(3);

    // Generous for a loaded 2-core machine; without the timeout the run never ends at all.
    private static readonly TimeSpan RunEnds = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Without_failover_the_shard_fails_the_run_ends_and_the_next_run_chains_on_the_last_success()
    {
        await using var scenario = await StartAsync("lostnone", "none");
        try
        {
            var baseline = await scenario.RunAsync();
            var (run, killedAt) = await KillShard2DuringAsync(scenario);

            var done = await scenario.Coordinator.WaitForRunAsync(run.RunId, RunEnds);

            Assert.Equal("partial", done.State);
            Assert.Equal("succeeded", done.Shards.Single(s => s.Shard == "1").State);
            var lost = done.Shards.Single(s => s.Shard == "2");
            Assert.Equal("failed", lost.State);
            Assert.Contains("the local ClickHouse has been unreachable for ", lost.Error, StringComparison.Ordinal);
            Assert.EndsWith("; not retried (backup.failover is none)", lost.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(scenario.Cluster.Password, lost.Error, StringComparison.Ordinal);
            // Measured from the first failed poll, which comes after the kill.
            Assert.True(lost.FinishedAt - killedAt >= Unreachable, $"failed {lost.FinishedAt - killedAt} after the kill");
            var backups = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
            Assert.DoesNotContain(backups, b => b.Shard == "2" && b.RunId == run.RunId);

            await RestartAsync(scenario);
            var next = await scenario.RunAsync();

            Assert.True(next.State == "succeeded", Describe(next));
            Assert.Equal(("incremental", baseline.RunId), (next.Shards.Single(s => s.Shard == "2").Kind, next.Shards.Single(s => s.Shard == "2").BaseRunId));
            await AssertNoForkAsync(scenario);
        }
        finally
        {
            await fixture.RestartStoppedNodesAsync();
        }
    }

    [Fact]
    public async Task With_sibling_failover_the_shard_is_backed_up_on_its_sibling_under_a_new_id_and_folder_and_the_next_run_chains_on_it()
    {
        await using var scenario = await StartAsync("lostsibling", "sibling");
        try
        {
            await scenario.RunAsync();
            var (run, _) = await KillShard2DuringAsync(scenario);

            var done = await scenario.Coordinator.WaitForRunAsync(run.RunId, RunEnds);

            Assert.True(done.State == "succeeded", Describe(done));
            var retried = done.Shards.Single(s => s.Shard == "2");
            Assert.Equal("replica-2", retried.Replica);
            Assert.EndsWith("; retried on replica replica-2 after replica replica-1's ClickHouse was lost", retried.Reason, StringComparison.Ordinal);
            var backup = (await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView))
                .Single(b => b.Shard == "2" && b.RunId == run.RunId);
            Assert.EndsWith($"/shard-2/full/{run.RunId}.a2/", backup.Prefix, StringComparison.Ordinal);

            await RestartAsync(scenario);
            Assert.Equal(1, (await scenario.BackupsWithIdAsync($"{run.RunId}.a2-2"))["s2r2"]);
            var next = await scenario.RunAsync();

            Assert.True(next.State == "succeeded", Describe(next));
            Assert.Equal(("incremental", run.RunId), (next.Shards.Single(s => s.Shard == "2").Kind, next.Shards.Single(s => s.Shard == "2").BaseRunId));
            await AssertNoForkAsync(scenario);
        }
        finally
        {
            await fixture.RestartStoppedNodesAsync();
        }
    }

    private async Task<ClusterScenario> StartAsync(string label, string failover)
    {
        var scenario = await ClusterScenario.StartAsync(fixture, label, settings: new Dictionary<string, string?>
        {
            ["backup:clickhouse_unreachable_timeout"] = Unreachable.ToString(),
            ["backup:failover"] = failover,
        });
        // Shard 2's backup must still be running when its node is killed: many rows there, few on shard 1.
        await scenario.CreateDataAsync(10_000, 1);
        await scenario.CreateDataAsync(2_500_000, 2);
        return scenario;
    }

    /// <summary>
    /// Starts a full run and kills the node backing up shard 2 (replica-1, by the scenario's priority) as soon as its
    /// server runs the BACKUP: watched in its system.backups, since the agent measures the tables before it starts.
    /// </summary>
    private async Task<(RunView Run, DateTimeOffset KilledAt)> KillShard2DuringAsync(ClusterScenario scenario)
    {
        var node = scenario.Cluster.Nodes.Single(n => n.Shard == 2 && n.Replica == "replica-1");
        var run = await scenario.Coordinator.StartRunAsync(full: true);
        var id = $"{run.RunId}-2";
        using var timeout = new CancellationTokenSource(RunEnds);
        while (true)
        {
            var status = await scenario.BackupStatusAsync(node, id);
            Assert.True(status is null or "CREATING_BACKUP", $"backup {id} on {node.Name} is {status} before the kill");
            if (status is not null)
            {
                await fixture.KillNodeAsync(node);
                return (run, DateTimeOffset.UtcNow);
            }
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Brings the killed node back and waits until its agent reports its ClickHouse answering again.</summary>
    private async Task RestartAsync(ClusterScenario scenario)
    {
        await fixture.RestartStoppedNodesAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await scenario.Coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView))
                   .All(a => a.State == "connected" && a.ClickHouseReachable))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Per shard, every incremental's base is the backup right before it in the catalog, and its sidecar names that folder.</summary>
    private static async Task AssertNoForkAsync(ClusterScenario scenario)
    {
        using var store = new Shared.Storage.S3ObjectStore(scenario.S3Options());
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        var catalog = new CatalogStore(store, layout);
        foreach (var shard in new[] { "1", "2" })
        {
            var backups = (await catalog.ReadShardAsync(new ShardId(shard), layout.ShardPath(new ShardId(shard)), default)).Backups;
            for (var i = 0; i < backups.Count; i++)
            {
                if (backups[i].Kind == BackupKind.Full)
                {
                    Assert.Null(backups[i].BaseRunId);
                    continue;
                }
                Assert.True(i > 0, $"shard {shard}: incremental {backups[i].RunId} has no backup before it");
                Assert.Equal(backups[i - 1].RunId, backups[i].BaseRunId);
                Assert.Equal(backups[i - 1].Prefix, (await catalog.ReadSidecarAsync(backups[i].Prefix, default))!.BaseBackupPath);
            }
        }
    }

    private static string Describe(RunView run) => string.Join("; ", run.Shards.Select(s => $"{s.Shard}: {s.State} on {s.Replica} {s.Error}"));
}
