using System.Net;
using System.Net.Http.Json;
using ClickVault.Cluster.Coordinator.Tests.AgentLink;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Api;

/// <summary>
/// Cancel, logs, describe and check through the operator API of a real coordinator (real S3 on s3rver), with a
/// protocol-level agent that plays ClickHouse's answers: a KILL that wins, and one that loses to a finishing backup.
/// </summary>
public sealed class OperatorToolsApiTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const string KillError = "Code: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)";

    [Fact]
    public async Task A_cancel_that_wins_ends_the_run_cancelled_and_its_events_survive_a_restart()
    {
        var settings = Settings("cancel");
        var coordinator = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        string runId;
        await using (var agent = await ProtocolAgent.JoinAsync(coordinator, "1", []))
        {
            runId = (await coordinator.StartRunAsync()).RunId;
            var start = await agent.ExpectAsync<StartBackup>();
            agent.Send(new OperationProgress(Report(start.OperationId, OperationState.Running)));

            using var response = await coordinator.Api.PostAsync(CancelRoutes.CancelRunPath(runId).TrimStart('/'), null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var cancel = (await response.Content.ReadFromJsonAsync(CancelJson.Default.CancelRunView))!;
            var cancelled = await agent.ExpectAsync<CancelOperation>();
            agent.Send(new BackupFailed(Report(start.OperationId, OperationState.Cancelled, KillError), KillError));
            var done = await coordinator.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));

            Assert.Equal(start.OperationId, cancelled.OperationId);
            Assert.Equal([("1", "signalled"), ("2", "finished")], cancel.Shards.Select(s => (s.Shard, s.Action)));
            Assert.Equal("cancelled", done.State);
            Assert.Equal($"cancelled by operator: {KillError}", done.Shards.Single(s => s.Shard == "1").Error);
            Assert.Equal(HttpStatusCode.Conflict, await PostStatusAsync(coordinator, CancelRoutes.CancelRunPath(runId)));
            Assert.Equal(HttpStatusCode.NotFound, await PostStatusAsync(coordinator, CancelRoutes.CancelRunPath("20200101T000000Z")));
        }

        var live = await coordinator.GetAsync(RunLogRoutes.RunLogPath(runId, null), RunLogJson.Default.RunLogView);
        await coordinator.DisposeAsync();
        await using var restarted = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        var stored = await restarted.GetAsync(RunLogRoutes.RunLogPath("latest", null), RunLogJson.Default.RunLogView);
        var shard1 = await restarted.GetAsync(RunLogRoutes.RunLogPath(runId, "1"), RunLogJson.Default.RunLogView);
        var described = await restarted.GetAsync(DescribeRoutes.RunPath(runId), DescribeJson.Default.RunDescription);

        Assert.Equal(("coordinator", "archive"), (live.Source, stored.Source));
        Assert.Equal(live.Events, stored.Events);
        Assert.Contains(stored.Events, e => e.Kind == "run.cancel_requested");
        Assert.Contains(stored.Events, e => e.Kind == "shard.cancel" && e.Shard == "1");
        Assert.Equal("run.finished", stored.Events[^1].Kind);
        Assert.True(stored.Finished);
        Assert.NotEmpty(shard1.Events);
        Assert.All(shard1.Events, e => Assert.Equal("1", e.Shard));
        Assert.Equal(("cancelled", "manifest", false), (described.State, described.Source, described.Active));
        Assert.Equal($"cancelled by operator: {KillError}", described.Shards.Single(s => s.Shard == "1").Error);
        Assert.StartsWith("no live agent for shard 2", described.Shards.Single(s => s.Shard == "2").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_that_loses_to_a_finishing_backup_leaves_a_succeeded_shard_that_describe_shows()
    {
        var settings = Settings("cancel-late");
        await using var coordinator = await InProcessCoordinator.StartAsync("c", s3.Options, settings);
        await using var agent = await ProtocolAgent.JoinAsync(coordinator, "1", [], shards: 1);
        var runId = (await coordinator.StartRunAsync()).RunId;
        var start = await agent.ExpectAsync<StartBackup>();

        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(coordinator, CancelRoutes.CancelRunPath("latest")));
        await agent.ExpectAsync<CancelOperation>();
        var active = await coordinator.GetAsync(DescribeRoutes.RunPath("latest"), DescribeJson.Default.RunDescription);
        var activeLog = await coordinator.GetAsync(RunLogRoutes.RunLogPath("latest", null), RunLogJson.Default.RunLogView);
        agent.Send(new BackupCompleted(Report(start.OperationId, OperationState.Succeeded)));
        var done = await coordinator.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        var backup = await coordinator.GetAsync(DescribeRoutes.BackupPath(runId, "1"), DescribeJson.Default.BackupDescription);

        Assert.Equal((runId, "running", true, "journal", (DateTimeOffset?)null), (active.RunId, active.State, active.Active, active.Source, active.FinishedAt));
        Assert.Equal(("dispatched", false, (string?)null), (active.Shards[0].State, active.Shards[0].Restorable, active.Shards[0].SidecarKey));
        Assert.Equal(("coordinator", false), (activeLog.Source, activeLog.Finished));
        Assert.Contains(activeLog.Events, e => e.Kind == "run.cancel_requested");
        Assert.Equal("succeeded", done.State);
        Assert.Equal(("succeeded", true, "full", "r1", "26.5.1.1"), (backup.State, backup.Restorable, backup.Kind, backup.Replica, backup.ClickHouseVersion));
        Assert.Equal((3UL, 300UL, 250UL, 600UL), (backup.NumFiles, backup.TotalSize, backup.CompressedSize, backup.UncompressedSize));
        Assert.Equal([runId], backup.Chain.Select(l => l.RunId));
        Assert.Equal(backup.Prefix + ".clickvault_meta.json", backup.SidecarKey);
        Assert.Equal(HttpStatusCode.NotFound, await GetStatusAsync(coordinator, DescribeRoutes.BackupPath(runId, "9")));
        Assert.Equal(HttpStatusCode.NotFound, await GetStatusAsync(coordinator, DescribeRoutes.RunPath("20200101T000000Z")));
    }

    [Fact]
    public async Task Check_names_a_shard_without_a_good_backup_until_it_has_one()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync("c", s3.Options, Settings("check"));
        await using var agent = await ProtocolAgent.JoinAsync(coordinator, "1", []);
        var path = CheckRoutes.CheckPath(TimeSpan.FromHours(26));

        var before = await coordinator.GetAsync(path, CheckJson.Default.CheckView);
        var runId = (await coordinator.StartRunAsync(false, "1")).RunId;
        var start = await agent.ExpectAsync<StartBackup>();
        agent.Send(new BackupCompleted(Report(start.OperationId, OperationState.Succeeded)));
        await coordinator.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        var after = await coordinator.GetAsync(path, CheckJson.Default.CheckView);

        Assert.False(before.Ok);
        Assert.Equal([("1", false), ("2", false)], before.Shards.Select(s => (s.Shard, s.Ok)));
        Assert.False(after.Ok);
        Assert.Equal([("1", true, runId), ("2", false, (string?)null)], after.Shards.Select(s => (s.Shard, s.Ok, s.NewestRunId)));
        Assert.Equal((true, false), (after.Shards[0].AgentConnected, after.Shards[1].AgentConnected));
        Assert.Equal(HttpStatusCode.BadRequest, await GetStatusAsync(coordinator, CheckRoutes.Check + "?max_age_seconds=-5"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetStatusAsync(coordinator, CheckRoutes.Check));
    }

    private static Dictionary<string, string?> Settings(string label) => new()
    {
        ["backup:databases:0"] = "shop",
        ["backup:prefix"] = S3rverFixture.NewPrefix(label).TrimEnd('/'),
    };

    private static async Task<HttpStatusCode> PostStatusAsync(InProcessCoordinator coordinator, string path)
    {
        using var response = await coordinator.Api.PostAsync(path.TrimStart('/'), null);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(InProcessCoordinator coordinator, string path)
    {
        using var response = await coordinator.Api.GetAsync(path.TrimStart('/'));
        return response.StatusCode;
    }

    private static OperationReport Report(OperationId operation, OperationState state, string error = "") => new(
        operation.Value, state, error, "q", 3, 3, 300, 600, 250, 0, 0, DateTimeOffset.UtcNow,
        state == OperationState.Running ? null : DateTimeOffset.UtcNow);
}
