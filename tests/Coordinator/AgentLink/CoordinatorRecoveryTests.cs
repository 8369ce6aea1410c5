using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.AgentLink;

/// <summary>A coordinator that dies mid-run resumes from its S3 journal by asking agents, never by starting backups again.</summary>
public sealed class CoordinatorRecoveryTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task A_restarted_coordinator_resumes_the_open_run_by_asking_the_agents()
    {
        var settings = new Dictionary<string, string?>
        {
            ["backup:databases:0"] = "shop",
            ["backup:prefix"] = S3rverFixture.NewPrefix("recovery").TrimEnd('/'),
        };
        var first = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        OperationId operation;
        string runId;
        await using (var agent = await HelloAsync(first, "1", []))
        {
            runId = (await first.StartRunAsync()).RunId;
            var start = await agent.ExpectAsync<StartBackup>();
            operation = start.OperationId;
            agent.Send(new OperationProgress(Report(operation, OperationState.Running)));
            await first.DisposeAsync();
        }

        await using var second = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        await using var again = await HelloAsync(second, "1", [Report(operation, OperationState.Running)]);
        var query = await again.ExpectAsync<QueryOperations>();
        Assert.Equal([operation.Value], query.OperationIds);
        again.Send(new OperationStatus([Report(operation, OperationState.Succeeded)]));

        var done = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        Assert.Equal("succeeded", done.State);
        var backups = await second.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(runId, Assert.Single(backups).RunId);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again.ExpectAsync<StartBackup>(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task An_operation_the_server_never_saw_is_dispatched_again_under_the_same_id()
    {
        var settings = new Dictionary<string, string?>
        {
            ["backup:databases:0"] = "shop",
            ["backup:prefix"] = S3rverFixture.NewPrefix("recovery").TrimEnd('/'),
        };
        var first = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        OperationId operation;
        string runId;
        await using (var agent = await HelloAsync(first, "1", []))
        {
            runId = (await first.StartRunAsync()).RunId;
            operation = (await agent.ExpectAsync<StartBackup>()).OperationId;
            await first.DisposeAsync();
        }

        await using var second = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        await using var again = await HelloAsync(second, "1", []);
        await again.ExpectAsync<QueryOperations>();
        again.Send(new OperationStatus([Report(operation, OperationState.Unknown)]));
        var redispatched = await again.ExpectAsync<StartBackup>();

        Assert.Equal(operation, redispatched.OperationId);
        again.Send(new BackupCompleted(Report(operation, OperationState.Succeeded)));
        Assert.Equal("succeeded", (await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(30))).State);
    }

    private static Task<ProtocolAgent> HelloAsync(InProcessCoordinator coordinator, string shard, IReadOnlyList<OperationReport> operations) =>
        ProtocolAgent.JoinAsync(coordinator, shard, operations, shards: 1);

    private static OperationReport Report(OperationId operation, OperationState state) => new(
        operation.Value, state, "", "q", 3, 3, 300, 300, 300, 0, 0, DateTimeOffset.UtcNow, state == OperationState.Succeeded ? DateTimeOffset.UtcNow : null);
}
