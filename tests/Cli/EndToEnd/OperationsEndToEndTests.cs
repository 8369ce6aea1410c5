using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.EndToEnd;

/// <summary>describe, check, logs, cancel and the richer status against the stub coordinator.</summary>
public sealed class OperationsEndToEndTests
{
    [Fact]
    public async Task Describe_a_backup_shows_its_chain_sizes_version_times_and_prefix()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes() });

        var result = await CliHarness.RunAsync(["describe", $"{Canned.RunId}-1"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal($"/api/runs/{Canned.RunId}/shards/1", Assert.Single(stub.Requests).Path);
        Assert.Contains($"Backup of shard 1 in run {Canned.RunId} on cluster main: succeeded", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"Chain\s+full 20251230T020000Z → incremental 20251231T020000Z → incremental 20260101T020000Z \(this backup\)", result.Out);
        Assert.Matches(@"Kind\s+incremental \(chain depth 2\)", result.Out);
        Assert.Matches(@"Base\s+20251231T020000Z", result.Out);
        Assert.Matches(@"Replica\s+r1 \(chain affinity: r1 took the chain's previous backup 20251231T020000Z\)", result.Out);
        Assert.Matches(@"ClickHouse\s+26\.5\.3\.1", result.Out);
        Assert.Matches(@"Total size\s+12\.0 GiB \(12,884,901,888 B\)", result.Out);
        Assert.Matches(@"Compressed\s+3\.0 GiB", result.Out);
        Assert.Matches(@"Uncompressed\s+5\.0 GiB", result.Out);
        Assert.Matches(@"Files\s+1,204", result.Out);
        Assert.Matches(@"Started\s+2026-01-01 02:00:01Z", result.Out);
        Assert.Matches(@"Finished\s+2026-01-01 02:01:35Z", result.Out);
        Assert.Matches(@"Duration\s+1m 34s", result.Out);
        Assert.Contains(CannedOperations.Prefix + ".clickvault_meta.json", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_a_run_shows_every_shard_with_errors_and_json_is_the_dto()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes() });

        var human = await CliHarness.RunAsync(["describe", Canned.RunId], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["describe", Canned.RunId, "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains($"Run {Canned.RunId} on cluster main: partial (trigger schedule)", human.Out, StringComparison.Ordinal);
        Assert.Contains("took 1m 36s; read from the run manifest", human.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*1\s*│\s*succeeded\s*│\s*incremental\s*│\s*r1\s*│\s*20251231T020000Z\s*│\s*1,204\s*│\s*12\.0 GiB\s*│\s*1m 34s\s*│", human.Out);
        Assert.Matches(@"Error\s+" + System.Text.RegularExpressions.Regex.Escape(Canned.DiskFullError), human.Out);
        Assert.Contains("none: not restorable", human.Out, StringComparison.Ordinal);
        Assert.True(human.Out.IndexOf("Shard 1:", StringComparison.Ordinal) < human.Out.IndexOf("Shard 2:", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, json.ExitCode);
        var run = JsonSerializer.Deserialize(json.Out, DescribeJson.Default.RunDescription)!;
        Assert.Equal(CannedOperations.Run() with { Shards = [] }, run with { Shards = [] });
        Assert.Equal(CannedOperations.Backup() with { Chain = [], Databases = [] }, run.Shards[1] with { Chain = [], Databases = [] });
        Assert.Equal(CannedOperations.Backup().Chain, run.Shards[1].Chain);
    }

    [Fact]
    public async Task Describe_of_something_unknown_exits_6_naming_it()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes(found: false) });

        var run = await CliHarness.RunAsync(["describe", "20200101T000000Z"], CliHarness.Environment(stub.Address, Canned.Token));
        var backup = await CliHarness.RunAsync(["describe", Canned.RunId, "--shard", "7", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(run.ExitCode == ExitCodes.NotFound, run.ToString());
        Assert.Equal("error: not found: no run '20200101T000000Z'" + Environment.NewLine, run.Error);
        Assert.Equal(ExitCodes.NotFound, backup.ExitCode);
        using var document = JsonDocument.Parse(backup.Out);
        Assert.Equal("not found: run 20260101T020000Z has no backup of shard '7' (its shards: 1, 2)",
            document.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Check_exits_0_when_every_shard_is_fresh()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes(ok: true) });

        var result = await CliHarness.RunAsync(["check", "--max-age", "26h"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("?max_age_seconds=93600", Assert.Single(stub.Requests).Query);
        Assert.Contains("OK: every shard of cluster main has a good backup younger than 1d 02h", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Check_exits_8_naming_every_stale_shard()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes(ok: false) });

        var human = await CliHarness.RunAsync(["check", "--max-age", "7d"], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["check", "--max-age", "7d", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.StaleBackups, human.ToString());
        Assert.Matches(@"│\s*2\s*│\s*NO\s*│\s*-\s*│\s*-\s*│\s*-\s*│\s*connected\s*│\s*no good backup at all", human.Out);
        Assert.Matches(@"│\s*10\s*│\s*NO\s*│\s*20251220T020000Z\s*│\s*full\s*│\s*12d 00h\s*│\s*not connected", human.Out);
        Assert.Equal(
            "error: no good backup younger than 1d 02h: shard(s) 2 (no good backup at all), 10 (newest 20251220T020000Z is 12d 00h old)" + Environment.NewLine,
            human.Error);
        Assert.Equal(ExitCodes.StaleBackups, json.ExitCode);
        var check = JsonSerializer.Deserialize(json.Out, CheckJson.Default.CheckView)!;
        Assert.Equal([("1", true), ("2", false), ("10", false)], check.Shards.Select(s => (s.Shard, s.Ok)));
        Assert.Equal(string.Empty, json.Error);
    }

    [Fact]
    public async Task Logs_print_one_line_per_event_and_json_lines_of_run_events()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes() });

        var human = await CliHarness.RunAsync(["logs"], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["logs", "--json", "--shard", "2"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Equal("/api/runs/latest/log", stub.Requests[0].Path);
        var lines = human.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Canned.EventsTo(Canned.Partial()).Count, lines.Length);
        Assert.Equal("2026-01-01 02:00:00Z planned              planned 2 shard(s)", lines[0]);
        Assert.Equal(ExitCodes.Ok, json.ExitCode);
        Assert.Equal("?shard=2", stub.Requests[1].Query);
        var events = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize(line, ApiJson.Default.RunEvent)!).ToList();
        Assert.Equal(Canned.EventsTo(Canned.Partial()).Where(e => e.Shard == "2"), events);
    }

    [Fact]
    public async Task Logs_follow_prints_the_new_live_events_until_the_run_ends()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Finished = Canned.Partial(), Routes = CannedOperations.Routes(finished: false) });

        var result = await CliHarness.RunAsync(["logs", "--follow"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(stub.Requests, request => request.Path == $"/api/runs/{Canned.RunId}/events");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The two events the log had, the rest from the stream (the stream's replay of the first two is skipped), the end.
        Assert.Equal(Canned.EventsTo(Canned.Partial()).Count + 1, lines.Length);
        Assert.Single(lines, line => line.Contains("planned 2 shard(s)", StringComparison.Ordinal));
        Assert.Equal($"run {Canned.RunId} finished partial", lines[^1]);
    }

    [Fact]
    public async Task Cancel_reports_what_happened_to_each_shard_and_409_exits_5()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Routes = CannedOperations.Routes() });

        var result = await CliHarness.RunAsync(["cancel", Canned.RunId], CliHarness.Environment(stub.Address, Canned.Token));
        var finished = await CliHarness.RunAsync(["cancel", "20251231T020000Z"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(("POST", $"/api/runs/{Canned.RunId}/cancel"), (stub.Requests[0].Method, stub.Requests[0].Path));
        Assert.Contains("shard 1 (r1): signalled: replica r1 was told to kill backup 20260101T020000Z-1; a backup that is nearly done may still succeed", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard 2 (-): not_dispatched: cancelled by operator before its backup was dispatched", result.Out, StringComparison.Ordinal);
        Assert.True(finished.ExitCode == ExitCodes.Conflict, finished.ToString());
        Assert.Equal("error: conflict: run 20251231T020000Z is not active: it finished succeeded" + Environment.NewLine, finished.Error);
    }

    [Fact]
    public async Task Status_lists_undelivered_notifications_and_json_carries_them()
    {
        var undelivered = new UndeliveredNotificationView(Canned.RunId, "partial", "ops-webhook", 3, "HTTP 503 Service Unavailable", Canned.Start.AddMinutes(2));
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Status = Canned.Status() with { UndeliveredNotifications = [undelivered] } });
        var time = new FakeTimeProvider(Canned.Start.AddMinutes(5));

        var human = await CliHarness.RunAsync(["status"], CliHarness.Environment(stub.Address, Canned.Token), time: time);
        var json = await CliHarness.RunAsync(["status", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains("Undelivered notifications (1, newest first):", human.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*20260101T020000Z\s*│\s*partial\s*│\s*ops-webhook\s*│\s*3\s*│\s*HTTP 503 Service Unavailable\s*│\s*3m 00s ago\s*│", human.Out);
        Assert.Equal([undelivered], JsonSerializer.Deserialize(json.Out, ApiJson.Default.StatusView)!.UndeliveredNotifications);
    }

    [Fact]
    public async Task Status_shows_each_shards_last_verified_restore_and_json_carries_it()
    {
        var passed = new LastVerifiedView(Canned.Start.AddHours(1), true, "replica-2", "3 table(s) match, 3 by checksum");
        ShardVerifiedView[] shards = [new("1", Canned.RunId, passed), new("2", null, null)];
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Status = Canned.Status() with { LastVerified = shards } });

        var human = await CliHarness.RunAsync(["status"], CliHarness.Environment(stub.Address, Canned.Token));
        var json = await CliHarness.RunAsync(["status", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.Contains("Last verified restore per shard:", human.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*1\s*│\s*20260101T020000Z\s*│\s*passed 2026-01-01 03:00:00Z on replica-2: 3 table\(s\) match, 3 by checksum\s*│", human.Out);
        Assert.Matches(@"│\s*2\s*│\s*-\s*│\s*never \(clickvault verify\)\s*│", human.Out);
        Assert.Equal(shards, JsonSerializer.Deserialize(json.Out, ApiJson.Default.StatusView)!.LastVerified);
    }

    [Fact]
    public async Task Status_watch_follows_the_active_run_to_its_summary()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Finished = Canned.Partial() });

        var result = await CliHarness.RunAsync(["status", "--watch"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"Active run {Canned.RunId}", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard 2: backup running [running 50%", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Run {Canned.RunId} on main: partial", result.Out, StringComparison.Ordinal);
    }
}
