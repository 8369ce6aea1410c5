using ClickVault.Cluster.Coordinator.Tests.AgentLink;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>
/// Two runs of one shard with two replicas (protocol-level agents, real S3 on s3rver): the second run's replica and the
/// rule that chose it reach the dispatch event and <c>describe</c>.
/// </summary>
public sealed class ReplicaChoiceRunTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Theory]
    [InlineData("affinity", "r1", "chain affinity: r1 took the chain's previous backup {first}")]
    [InlineData("spread", "r2", "least recently used healthy replica (replica_policy spread)")]
    public async Task The_second_run_goes_where_the_policy_says_and_names_the_rule(string policy, string expected, string reason)
    {
        await using var coordinator = await InProcessCoordinator.StartAsync("c", s3.Options, new Dictionary<string, string?>
        {
            ["backup:databases:0"] = "shop",
            ["backup:prefix"] = S3rverFixture.NewPrefix("replica-" + policy).TrimEnd('/'),
            ["backup:replica_policy"] = policy,
        });
        await using var r1 = await ProtocolAgent.JoinAsync(coordinator, "1", [], shards: 1, replica: "r1");
        await using var r2 = await ProtocolAgent.JoinAsync(coordinator, "1", [], shards: 1, replica: "r2");
        var agents = new Dictionary<string, ProtocolAgent> { ["r1"] = r1, ["r2"] = r2 };

        // Neither has backed up yet: the name breaks the tie. Then r2 is the least recently used.
        var first = await RunAsync(coordinator, r1);
        var second = await RunAsync(coordinator, agents[expected]);
        var log = await coordinator.GetAsync(RunLogRoutes.RunLogPath(second, "1"), RunLogJson.Default.RunLogView);
        var backup = await coordinator.GetAsync(DescribeRoutes.BackupPath(second, "1"), DescribeJson.Default.BackupDescription);

        var why = reason.Replace("{first}", first, StringComparison.Ordinal);
        var dispatched = Assert.Single(log.Events, e => e.Kind == "shard.dispatched");
        Assert.EndsWith($"dispatched to replica {expected} ({why})", dispatched.Message, StringComparison.Ordinal);
        Assert.Equal((expected, why), (backup.Replica, backup.ReplicaReason));
    }

    private static async Task<string> RunAsync(InProcessCoordinator coordinator, ProtocolAgent agent)
    {
        var runId = (await coordinator.StartRunAsync()).RunId;
        var start = await agent.ExpectAsync<StartBackup>();
        agent.Send(new BackupCompleted(new OperationReport(
            start.OperationId.Value, OperationState.Succeeded, "", "q", 3, 3, 300, 600, 250, 0, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)));
        var done = await coordinator.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        Assert.Equal("succeeded", done.State);
        return runId;
    }
}
