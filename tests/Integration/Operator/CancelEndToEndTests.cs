using System.Diagnostics;
using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;
using Xunit.Abstractions;

namespace ClickVault.Cluster.Integration.Tests.Operator;

/// <summary>
/// cancel, logs --follow and status through the real CLI against the embedded 2x2 cluster, on a backup big enough to
/// still be running when the cancel arrives. ClickHouse's KILL does not always win against a nearly finished backup,
/// so a shard may end either way; what must hold is that the run ends and every view tells the same story.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class CancelEndToEndTests(TwoByTwoClusterFixture fixture, ITestOutputHelper output)
{
    private const string HookSecret = "hook-secret-7c1d55";

    [Fact]
    public async Task Cancel_stops_a_running_backup_logs_follow_streams_it_and_status_shows_the_undelivered_notification()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "cancel", settings: new Dictionary<string, string?>
        {
            ["notifications:targets:0:name"] = "ops-hook",
            ["notifications:targets:0:type"] = "webhook",
            // Nothing listens on port 1: every attempt is refused at once.
            ["notifications:targets:0:url"] = $"http://127.0.0.1:1/hooks/clickvault?token={HookSecret}",
            ["notifications:targets:0:on_success"] = "true",
            ["notifications:targets:0:max_attempts"] = "2",
        });
        await scenario.CreateDataAsync(3_000_000);
        var cli = new OperatorCli(scenario.Coordinator);

        var started = JsonSerializer.Deserialize((await cli.RunAsync("backup", "--json")).Out, ApiJson.Default.RunView)!;
        await WaitUntilAShardRunsAsync(scenario, started.RunId);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var follow = cli.Start(["logs", "--follow", "--json"], deadline.Token);
        await WaitForOutputAsync(follow, deadline.Token);
        var clock = Stopwatch.StartNew();

        var cancel = await cli.RunAsync("cancel", started.RunId, "--json");
        var followed = await follow.Completion.WaitAsync(deadline.Token);
        output.WriteLine($"run ended {clock.ElapsedMilliseconds} ms after the cancel request");

        Assert.True(cancel.ExitCode == ExitCodes.Ok, cancel.ToString());
        var request = JsonSerializer.Deserialize(cancel.Out, CancelJson.Default.CancelRunView)!;
        Assert.Equal(started.RunId, request.Run.RunId);
        Assert.Contains(request.Shards, s => s.Action == "signalled");
        Assert.True(followed.ExitCode == ExitCodes.Ok, followed.ToString());
        var events = followed.Lines.Select(line => JsonSerializer.Deserialize(line, ApiJson.Default.RunEvent)!).ToList();
        Assert.Equal(events.Select(e => e.Sequence).Distinct(), events.Select(e => e.Sequence));
        Assert.Contains(events, e => e.Kind == "run.cancel_requested");
        Assert.Contains(events, e => e.Kind == "shard.cancel");

        // Whatever won, every view agrees: the run API, the follow's last event, describe, the catalog, status.
        var run = await scenario.Coordinator.GetAsync(OperatorRoutes.RunPath(started.RunId), ApiJson.Default.RunView);
        var described = JsonSerializer.Deserialize((await cli.RunAsync("describe", started.RunId, "--json")).Out, DescribeJson.Default.RunDescription)!;
        var catalogued = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups + $"?run={started.RunId}", ApiJson.Default.IReadOnlyListBackupView);
        foreach (var shard in run.Shards)
        {
            output.WriteLine($"shard {shard.Shard}: {shard.State} {shard.Error}");
        }

        Assert.NotNull(run.FinishedAt);
        Assert.Equal(run.Shards.All(s => s.State == "succeeded") ? "succeeded" : "cancelled", run.State);
        Assert.Equal(("run.finished", $"run {run.RunId} {run.State}"), (events[^1].Kind, events[^1].Message));
        Assert.Equal(run.State, described.State);
        foreach (var shard in run.Shards)
        {
            var description = described.Shards.Single(s => s.Shard == shard.Shard);
            Assert.Equal(shard.State, description.State);
            if (shard.State == "failed")
            {
                Assert.StartsWith("cancelled by operator", shard.Error, StringComparison.Ordinal);
                Assert.Equal((false, (string?)null), (description.Restorable, description.SidecarKey));
                Assert.DoesNotContain(catalogued, b => b.Shard == shard.Shard);
            }
            else
            {
                Assert.Equal("succeeded", shard.State);
                Assert.True(description.Restorable);
                Assert.Contains(catalogued, b => b.Shard == shard.Shard);
            }
        }

        var again = await cli.RunAsync("cancel", started.RunId);
        Assert.True(again.ExitCode == ExitCodes.Conflict, again.ToString());
        Assert.Equal($"error: conflict: run {run.RunId} is not active: it finished {run.State}" + Environment.NewLine, again.Error);

        var status = await cli.RunAsync("status");
        var statusJson = JsonSerializer.Deserialize((await cli.RunAsync("status", "--json")).Out, ApiJson.Default.StatusView)!;
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        Assert.Contains("Undelivered notifications (1, newest first):", status.Out, StringComparison.Ordinal);
        Assert.Matches($@"│\s*{run.RunId}\s*│\s*{run.State}\s*│\s*ops-hook\s*│\s*2\s*│", status.Out);
        var undelivered = Assert.Single(statusJson.UndeliveredNotifications);
        Assert.Equal((run.RunId, run.State, "ops-hook", 2), (undelivered.RunId, undelivered.Outcome, undelivered.Target, undelivered.Attempts));
        Assert.False(string.IsNullOrEmpty(undelivered.LastError));
        Assert.DoesNotContain(HookSecret, status.Out + JsonSerializer.Serialize(statusJson, ApiJson.Default.StatusView), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAShardRunsAsync(ClusterScenario scenario, string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var run = await scenario.Coordinator.GetAsync(OperatorRoutes.RunPath(runId), ApiJson.Default.RunView);
            Assert.Null(run.FinishedAt);
            if (run.Shards.Any(s => s.State == "running"))
            {
                return;
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>The follow printed the events it read first, so it asked while the run was active (the cancel after it succeeds).</summary>
    private static async Task WaitForOutputAsync(OperatorCli.Running follow, CancellationToken cancellationToken)
    {
        while (follow.Output().Length == 0)
        {
            Assert.False(follow.Completion.IsCompleted, "logs --follow ended before the cancel");
            await Task.Delay(20, cancellationToken);
        }
    }
}
