using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Operator;

/// <summary>
/// check, describe and logs through the real CLI against the embedded 2x2 cluster: what they print matches what the
/// coordinator wrote to S3 (sidecars, shard catalogs, manifests, event archives), also after a coordinator restart.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class InspectionEndToEndTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task Check_names_the_shard_without_a_backup_describe_matches_s3_and_logs_survive_a_restart()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "inspect");
        await scenario.CreateDataAsync(20_000);
        var cli = new OperatorCli(scenario.Coordinator);

        // Only shard 1 is backed up: check fails naming shard 2, which has no backup at all.
        var first = await cli.RunAsync("backup", "--shard", "1", "--wait");
        var stale = await cli.RunAsync("check", "--max-age", "26h");
        var staleJson = await cli.RunAsync("check", "--max-age", "26h", "--json");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.True(stale.ExitCode == ExitCodes.StaleBackups, stale.ToString());
        Assert.Equal("error: no good backup younger than 1d 02h: shard(s) 2 (no good backup at all)" + Environment.NewLine, stale.Error);
        var check = JsonSerializer.Deserialize(staleJson.Out, CheckJson.Default.CheckView)!;
        Assert.Equal(ExitCodes.StaleBackups, staleJson.ExitCode);
        Assert.Equal([("1", true), ("2", false)], check.Shards.Select(s => (s.Shard, s.Ok)));
        Assert.NotNull(check.Shards[0].NewestRunId);
        Assert.Null(check.Shards[1].NewestRunId);

        // A run of every shard: shard 1 continues its chain, shard 2 starts one; now the check passes.
        var second = await cli.RunAsync("backup", "--wait", "--json");
        var fresh = await cli.RunAsync("check", "--max-age", "90m");

        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.True(fresh.ExitCode == ExitCodes.Ok, fresh.ToString());
        Assert.StartsWith($"OK: every shard of cluster {scenario.Cluster.Cluster} has a good backup younger than 1h 30m", fresh.Out, StringComparison.Ordinal);

        var run = JsonSerializer.Deserialize((await cli.RunAsync("describe", "latest", "--json")).Out, DescribeJson.Default.RunDescription)!;
        await AssertMatchesS3Async(scenario, run);
        var shard1 = run.Shards.Single(s => s.Shard == "1");
        Assert.Equal(("incremental", 2), (shard1.Kind, shard1.Chain.Count));
        Assert.Equal([shard1.BaseRunId, run.RunId], shard1.Chain.Select(l => l.RunId));
        Assert.Equal(("full", 1, true), (run.Shards.Single(s => s.Shard == "2").Kind, run.Shards.Single(s => s.Shard == "2").Chain.Count, run.Shards.Single(s => s.Shard == "2").ChainComplete));

        var human = await cli.RunAsync("describe", $"{run.RunId}-1");
        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains($"Backup of shard 1 in run {run.RunId} on cluster {scenario.Cluster.Cluster}: succeeded", human.Out, StringComparison.Ordinal);
        Assert.Contains($"full {shard1.BaseRunId} → incremental {run.RunId} (this backup)", human.Out, StringComparison.Ordinal);
        Assert.Contains(shard1.Prefix!, human.Out, StringComparison.Ordinal);
        var unknownRun = await cli.RunAsync("describe", "20200101T000000Z");
        var unknownShard = await cli.RunAsync("describe", run.RunId, "--shard", "9");
        Assert.True(unknownRun.ExitCode == ExitCodes.NotFound, unknownRun.ToString());
        Assert.Equal("error: not found: no run '20200101T000000Z'" + Environment.NewLine, unknownRun.Error);
        Assert.Equal(ExitCodes.NotFound, unknownShard.ExitCode);
        Assert.Contains($"run {run.RunId} has no backup of shard '9' (its shards: 1, 2)", unknownShard.Error, StringComparison.Ordinal);

        // The coordinator restarts: the finished run's events come back from S3.
        var before = await cli.RunAsync("logs", "--run", run.RunId, "--json");
        var port = scenario.Coordinator.BaseUrl.Port;
        await scenario.Coordinator.DisposeAsync();
        await scenario.StartCoordinatorAsync(port);
        cli = new OperatorCli(scenario.Coordinator);
        var after = await cli.RunAsync("logs", "--run", run.RunId, "--json");
        var shardOnly = await cli.RunAsync("logs", "--run", run.RunId, "--shard", "2");

        Assert.True(after.ExitCode == ExitCodes.Ok, after.ToString());
        var events = after.Lines.Select(line => JsonSerializer.Deserialize(line, ApiJson.Default.RunEvent)!).ToList();
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal("run.started", events[0].Kind);
        Assert.Equal(("run.finished", $"run {run.RunId} succeeded"), (events[^1].Kind, events[^1].Message));
        Assert.Equal(["1", "2"], events.Where(e => e.Kind == "shard.succeeded").Select(e => e.Shard).Order());
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.True(shardOnly.ExitCode == ExitCodes.Ok, shardOnly.ToString());
        Assert.NotEmpty(shardOnly.Lines);
        Assert.All(shardOnly.Lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ shard\.\S+\s+shard 2: ", line));
    }

    /// <summary>Every field describe shows comes from the run manifest, the sidecar or the shard catalog in S3.</summary>
    private static async Task AssertMatchesS3Async(ClusterScenario scenario, RunDescription run)
    {
        using var store = new Shared.Storage.S3ObjectStore(scenario.S3Options());
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        var catalog = new CatalogStore(store, layout);
        var manifest = (await catalog.ReadRunManifestAsync(RunId.Parse(run.RunId), default))!;
        Assert.Equal((manifest.Outcome, manifest.Trigger, manifest.StartedAt, (DateTimeOffset?)manifest.FinishedAt, "manifest", false),
            (run.State, run.Trigger, run.StartedAt, run.FinishedAt, run.Source, run.Active));
        Assert.Equal(manifest.Shards.Select(s => s.Shard).Order(), run.Shards.Select(s => s.Shard).Order());
        foreach (var shard in run.Shards)
        {
            var sidecar = (await catalog.ReadSidecarAsync(shard.Prefix!, default))!;
            Assert.Equal(
                (sidecar.Kind, sidecar.Replica, sidecar.BaseRunId, sidecar.NumFiles, sidecar.TotalSize, sidecar.CompressedSize, sidecar.UncompressedSize),
                (shard.Kind!, shard.Replica!, shard.BaseRunId, shard.NumFiles, shard.TotalSize, shard.CompressedSize, shard.UncompressedSize));
            Assert.Equal((sidecar.ClickhouseVersion, (int?)sidecar.ChainDepth, sidecar.StartedAt, sidecar.FinishedAt),
                (shard.ClickHouseVersion!, shard.ChainDepth, shard.StartedAt!.Value, shard.FinishedAt!.Value));
            Assert.Equal(sidecar.Databases, shard.Databases);
            Assert.Equal(shard.Prefix + BackupLayout.SidecarName, shard.SidecarKey);
            Assert.True(shard.Restorable);
            Assert.StartsWith("26.5", shard.ClickHouseVersion, StringComparison.Ordinal);
            Assert.True(shard.NumFiles > 0 && shard.TotalSize > 0);

            var index = await catalog.ReadShardAsync(new ShardId(shard.Shard), layout.ShardPath(new ShardId(shard.Shard)), default);
            Assert.Equal(index.Backups.Select(b => (b.RunId.Value, b.Prefix, b.ChainDepth)), shard.Chain.Select(l => (l.RunId, l.Prefix, l.ChainDepth)));
        }
    }
}
