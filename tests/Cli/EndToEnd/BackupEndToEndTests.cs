using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Time;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.EndToEnd;

public sealed class BackupEndToEndTests
{
    [Fact]
    public async Task Backup_wait_on_a_successful_run_exits_0_and_summarizes_every_shard()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["backup", "--wait", "--full", "--shard", "1", "--shard", "2"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var post = Assert.Single(stub.Requests, request => request.Method == "POST");
        var sent = JsonSerializer.Deserialize(post.Body, ApiJson.Default.StartRunRequest)!;
        Assert.True(sent.Full);
        Assert.Equal(["1", "2"], sent.Shards);
        Assert.Contains($"run {Canned.RunId} started on cluster main (shards 1, 2)", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard 2: backup running [running 50%", result.Out, StringComparison.Ordinal);
        var summary = result.Out[result.Out.IndexOf("Run " + Canned.RunId + " on main: succeeded", StringComparison.Ordinal)..];
        Assert.Matches(@"│\s*1\s*│\s*r1\s*│\s*incremental\s*│\s*20251231T020000Z\s*│\s*1,204\s*│\s*12\.0 GiB\s*│\s*3\.0 GiB\s*│\s*1m 34s\s*│\s*succeeded", summary);
        Assert.Matches(@"│\s*2\s*│\s*r2\s*│\s*incremental", summary);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Backup_wait_on_a_partial_run_exits_1_and_shows_the_failed_shards_error()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Finished = Canned.Partial() });

        var result = await CliHarness.RunAsync(["backup", "--wait"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Matches(@"│\s*2\s*│\s*r2\s*│\s*full\s*│\s*-\s*│.*failed: Code: 243\. DB::Exception: Cannot reserve 1\.00 MiB", result.Out);
        Assert.Contains($"error: run {Canned.RunId} finished partial: 1 of 2 shard(s) failed: 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_wait_json_prints_json_lines_ending_with_the_finished_run()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Finished = Canned.Partial() });

        var result = await CliHarness.RunAsync(["backup", "--wait", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var started = JsonSerializer.Deserialize(lines[0], ApiJson.Default.RunView)!;
        Assert.Equal(("running", Canned.RunId), (started.State, started.RunId));
        Assert.Equal(Canned.Started().Shards, started.Shards);
        var events = lines[1..^1].Select(line => JsonSerializer.Deserialize(line, ApiJson.Default.RunEvent)!).ToList();
        Assert.Equal(Canned.EventsTo(Canned.Partial()).Select(e => e.Sequence), events.Select(e => e.Sequence));
        var finished = JsonSerializer.Deserialize(lines[^1], ApiJson.Default.RunView)!;
        Assert.Equal("partial", finished.State);
        Assert.Equal(Canned.DiskFullError, finished.Shards.Single(shard => shard.Shard == "2").Error);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Backup_without_wait_prints_the_run_id_and_returns_at_once()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var human = await CliHarness.RunAsync(["backup"], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["backup", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains(Canned.RunId, human.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, json.ExitCode);
        Assert.Equal(Canned.RunId, JsonSerializer.Deserialize(json.Out, ApiJson.Default.RunView)!.RunId);
        Assert.DoesNotContain(stub.Requests, request => request.Path.EndsWith("/events", StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize(stub.Requests.First(request => request.Method == "POST").Body, ApiJson.Default.StartRunRequest)!;
        Assert.False(sent.Full);
        Assert.Empty(sent.Shards);
    }

    [Fact]
    public async Task Backup_while_a_run_is_active_exits_5_with_the_servers_message()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { RunActive = true });

        var result = await CliHarness.RunAsync(["backup", "--wait"], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["backup", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Conflict, result.ToString());
        Assert.Equal("error: conflict: run 20251231T230000Z is already active on cluster main" + Environment.NewLine, result.Error);
        Assert.Equal(ExitCodes.Conflict, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("run_active", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(5, document.RootElement.GetProperty("error").GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task A_stream_that_is_aborted_before_end_falls_back_to_polling_the_run()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario
        {
            Finished = Canned.Partial(),
            Events = Canned.EventsTo(Canned.Partial()).Take(2).ToList(),
            StreamBreak = StreamBreak.Abort,
        });

        var result = await CliHarness.RunAsync(["backup", "--wait"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Contains("warning: the run's event stream broke", result.Error, StringComparison.Ordinal);
        Assert.Contains($"polling run {Canned.RunId} every 1s instead", result.Error, StringComparison.Ordinal);
        Assert.Single(stub.Requests, request => request.Path == $"/api/runs/{Canned.RunId}");
        Assert.Contains("failed: Code: 243", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_repeats_every_second_until_the_run_finished()
    {
        var time = new TimerTrackingTimeProvider(Canned.Start);
        await using var stub = await StubCoordinator.StartAsync(new StubScenario
        {
            Events = [],
            StreamBreak = StreamBreak.Close,
            Polls = [Canned.Started() with { Shards = [Canned.Running("1", 0.25), Canned.Running("2", null)] }, Canned.Succeeded()],
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var run = CliHarness.RunAsync(["backup", "--wait"], CliHarness.Environment(stub.Address, Canned.Token), time: time);
        await time.WaitForActiveTimersAsync(1, timeout.Token);
        Assert.Single(stub.Requests, request => request.Path == $"/api/runs/{Canned.RunId}");
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(timeout.Token);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(2, stub.Requests.Count(request => request.Path == $"/api/runs/{Canned.RunId}"));
        Assert.Contains("shard 1: [running 25%, 40 files, 512.0 MiB written]", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard 2: [succeeded 100%, 1,204 files, 3.0 GiB written]", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_progress_on_a_terminal_ends_with_the_summary()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Finished = Canned.Partial() });

        var result = await CliHarness.RunAsync(["backup", "--wait"], CliHarness.Environment(stub.Address, Canned.Token), terminal: true);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        // Spectre drew the bars (one task per shard, "shard N replica kind"), then the summary; an 80-column
        // console gets the failed shard's error below the table rather than squeezed into it.
        Assert.Contains("shard 1 r1 incremental", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard 2 r2 full", result.Out, StringComparison.Ordinal);
        Assert.Contains("02:00:00Z planned 2 shard(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Run {Canned.RunId} on main: partial", result.Out, StringComparison.Ordinal);
        Assert.Contains($"shard 2 failed: {Canned.DiskFullError}", result.Out, StringComparison.Ordinal);
    }
}
