using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
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

        Assert.True(restore.State == "succeeded", string.Join("; ", restore.Shards.Select(s => $"{s.Shard}: {s.State} {s.Error}")));
        var shard = Assert.Single(restore.Shards);
        Assert.Equal((run.RunId, "full"), (shard.Backup.RunId, shard.Backup.Kind));
        Assert.Equal(["replica-1", "replica-2"], shard.Replicas.Select(r => r.Replica));
        Assert.Contains("not replicated", shard.ReplicaChoice, StringComparison.Ordinal);
        foreach (var node in shard2)
        {
            Assert.Equal(before[node.Name], await scenario.FiguresAsync(node, scenario.Database));
        }

        Assert.Contains(events, e => e.Kind == "shard.succeeded" && e.Shard == "2");
        Assert.Contains(events, e => e.Kind == "restore.finished");
    }
}
