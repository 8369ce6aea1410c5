using System.Text.Json;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Integration.Tests.Restores;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Verification;

/// <summary>`clickvault verify` through the real CLI entry point against a real coordinator, agents and cluster.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class VerifyCliTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task The_verify_verb_exits_0_on_a_good_backup_9_on_an_altered_one_and_6_for_an_unknown_run()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "cliverify");
        await scenario.CreateDataAsync(1_500);
        var run = await scenario.RunAsync();
        var leftover = $"clickvault_verify_20200101T000000Z_2_{scenario.Database}";
        await scenario.ExecuteAsync(scenario.Cluster.Nodes.Single(n => n is { Shard: 2, Replica: "replica-1" }), $"CREATE DATABASE {leftover}");

        var good = await RestoreCliTests.CliAsync(scenario, "verify", "latest");
        var unknown = await RestoreCliTests.CliAsync(scenario, "verify", "20200101T000000Z");

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains($"shard 1: backup {run.RunId} on replica-", good.Out, StringComparison.Ordinal);
        Assert.Contains($"shard 2: dropped 1 scratch database(s) an interrupted verification left on replica-1: {leftover}", good.Out, StringComparison.Ordinal);
        Assert.Matches(@"verification verify-\d{8}T\d{6}Z of run latest on .*: passed, 2 of 2 shard\(s\) passed", good.Out);
        Assert.True(unknown.ExitCode == 6, unknown.ToString());
        Assert.Contains("no run 20200101T000000Z", unknown.Error, StringComparison.Ordinal);

        // The events table of shard 1 loses its data in S3: the shard fails, the other passes, exit 9.
        Assert.NotEmpty(await scenario.DeleteDataFilesAsync("1", run.RunId));

        var bad = await RestoreCliTests.CliAsync(scenario, "verify", run.RunId, "--json");
        var list = await RestoreCliTests.CliAsync(scenario, "list");

        Assert.True(bad.ExitCode == 9, bad.ToString());
        var report = JsonSerializer.Deserialize(bad.Out.Trim(), VerifyApiJson.Default.VerifyReportView)!;
        Assert.Equal([("1", false), ("2", true)], report.Shards.Select(s => (s.Shard, s.Passed)));
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("FAILED", list.Out, StringComparison.Ordinal);
        Assert.Contains("passed", list.Out, StringComparison.Ordinal);
        Assert.Empty(await scenario.ScratchDatabasesAsync());
    }
}
