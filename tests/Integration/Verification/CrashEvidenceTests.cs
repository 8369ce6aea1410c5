using System.Text.Json.Serialization;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Integration.Tests.Restores;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Verification;

/// <summary>
/// A backup that completes while its agent is down, or while the coordinator restarts, is recorded with the same evidence
/// as any other and verifies like any other (issue: "recorded no table figures ... nothing to compare with").
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class CrashEvidenceTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task A_backup_whose_agent_was_stopped_while_clickhouse_created_it_verifies_after_the_agent_is_back()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "agentdown");
        await scenario.CreateDataAsync(400_000);
        await scenario.CreateMoreTablesAsync();
        var started = await scenario.Coordinator.StartRunAsync();
        var operation = $"{started.RunId}-2";
        var node = scenario.Cluster.Nodes.Single(n => n is { Shard: 2, Replica: "replica-1" });
        await WaitForAsync(async () => await StatusAsync(scenario, node, operation) is not null, "shard 2's backup to start on replica-1");

        await scenario.Agents.StopAsync(node.Name);
        await WaitForAsync(async () => await StatusAsync(scenario, node, operation) is "BACKUP_CREATED", "the backup to be created with its agent away");
        await scenario.Agents.StartAsync(node.Name);
        var done = await scenario.Coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(3));

        Assert.True(done.State == "succeeded", string.Join("; ", done.Shards.Select(s => $"{s.Shard}: {s.State} {s.Error}")));
        await AssertVerifiesAsync(scenario, started.RunId);
    }

    [Fact]
    public async Task Every_backup_of_a_run_resumed_by_a_restarted_coordinator_verifies()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "coordown");
        await scenario.CreateDataAsync(200_000);
        await scenario.CreateMoreTablesAsync();
        var port = scenario.Coordinator.BaseUrl.Port;

        var started = await scenario.Coordinator.StartRunAsync();
        await scenario.Coordinator.DisposeAsync();
        await scenario.StartCoordinatorAsync(port);
        var done = await scenario.Coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(3));

        Assert.True(done.State == "succeeded", string.Join("; ", done.Shards.Select(s => $"{s.Shard}: {s.State} {s.Error}")));
        await AssertVerifiesAsync(scenario, started.RunId);
    }

    private static async Task AssertVerifiesAsync(ClusterScenario scenario, string run)
    {
        var report = (await scenario.VerifyAsync(new StartVerifyRequest(run))).View;

        Assert.True(report.Passed, string.Join("; ", report.Shards.Select(s => $"{s.Shard}: {s.Error} {string.Join(", ", s.Tables.Select(t => $"{t.Table} {t.Checksum} {t.Problem}"))}")));
        Assert.Equal(["1", "2"], report.Shards.Select(s => s.Shard));
        Assert.All(report.Shards, s => Assert.Equal(run, s.RunId));
        Assert.All(report.Shards.SelectMany(s => s.Tables).Where(t => t.Table != "events_daily" || t.RestoredRows is not null),
            t => Assert.Contains("parts identical", t.Checksum, StringComparison.Ordinal));
    }

    private static async Task<string?> StatusAsync(ClusterScenario scenario, Embedded.Launch.NodeDescription node, string operation) =>
        (await scenario.Client(node).QueryAsync(new ClickHouseQuery("SELECT status FROM system.backups WHERE id = {id:String}")
        {
            Parameters = [QueryParameter.String("id", operation)],
        }, CrashJson.Default.Status, default)).FirstOrDefault()?.Value;

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token).ContinueWith(t => t.IsCanceled ? throw new TimeoutException($"waited 2 minutes for {what}") : t, TaskScheduler.Default).Unwrap();
        }
    }
}

internal sealed record StatusRow([property: JsonPropertyName("status")] string Value);

[JsonSerializable(typeof(StatusRow), TypeInfoPropertyName = "Status")]
internal sealed partial class CrashJson : JsonSerializerContext;
