using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.EndToEnd;

public sealed class InventoryEndToEndTests
{
    [Fact]
    public async Task List_json_is_one_document_the_dtos_deserialize_from_sorted_by_shard_then_run()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["list", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var backups = JsonSerializer.Deserialize(result.Out, ApiJson.Default.IReadOnlyListBackupView)!;
        Assert.Equal(
            [("1", "20251231T020000Z"), ("1", "20260101T020000Z"), ("2", "20251231T020000Z"), ("2", "20260101T020000Z"), ("10", "20260101T020000Z")],
            backups.Select(backup => (backup.Shard, backup.RunId)));
        Assert.Equal(Canned.Backups().Single(b => b is { Shard: "2", Kind: "incremental" }), backups[3]);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task List_sends_its_filters_and_prints_a_table()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(
            ["list", "--shard", "2", "--kind", "incremental", "--run", "20260101T020000Z"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("?shard=2&kind=incremental&run=20260101T020000Z", Assert.Single(stub.Requests).Query);
        Assert.Matches(@"│\s*2\s*│\s*20260101T020000Z\s*│\s*incremental\s*│\s*20251231T020000Z\s*│\s*1\s*│\s*r2\s*│\s*1,204\s*│\s*3\.0 GiB\s*│\s*2026-01-01 02:02:00Z\s*│", result.Out);
        Assert.Contains("5 backup(s) of 3 shard(s), 15.0 GiB in total", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_with_an_invalid_kind_exits_2_naming_kind_without_calling_the_coordinator()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["list", "--kind", "weekly"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Equal(
            "error: --kind: 'weekly' is not a backup kind; allowed values: full, incremental (see 'clickvault list --help')" + Environment.NewLine,
            result.Error);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Agents_shows_a_table_with_health_and_heartbeat_age()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());
        var time = new FakeTimeProvider(Canned.Start.AddSeconds(4));

        var result = await CliHarness.RunAsync(["agents"], CliHarness.Environment(stub.Address, Canned.Token), time: time);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Matches(@"│\s*main\s*│\s*1\s*│\s*r1\s*│\s*ch-1\.internal\s*│\s*26\.5\.3\.1\s*│\s*connected\s*│\s*yes\s*│\s*5s ago\s*│", result.Out);
        Assert.Matches(@"│\s*main\s*│\s*2\s*│\s*r2\s*│\s*ch-2\.internal\s*│\s*26\.5\.3\.1\s*│\s*connected\s*│\s*no\s*│\s*7s ago\s*│", result.Out);
        Assert.True(result.Out.IndexOf("ch-1.internal", StringComparison.Ordinal) < result.Out.IndexOf("ch-2.internal", StringComparison.Ordinal));
        Assert.Contains(
            "Coordinator tier: 2 node(s), 2 up, 1 unreachable; the singletons run on akka.tcp://clickvault-coordinator@coordinator-0:4053",
            result.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*akka\.tcp://clickvault-coordinator@coordinator-0:4053\s*│\s*up\s*│\s*no\s*│\s*runs, restores, scheduler\s*│\s*-\s*│", result.Out);
        Assert.Matches(@"│\s*akka\.tcp://clickvault-coordinator@coordinator-1:4053\s*│\s*up\s*│\s*yes\s*│\s*-\s*│\s*yes\s*│", result.Out);
    }

    [Fact]
    public async Task Agents_json_round_trips()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["agents", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(Canned.Agents(), JsonSerializer.Deserialize(result.Out, ApiJson.Default.IReadOnlyListAgentView));
    }

    [Fact]
    public async Task Status_shows_agents_the_active_run_and_recent_runs()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());
        var time = new FakeTimeProvider(Canned.Start.AddMinutes(3));

        var result = await CliHarness.RunAsync(["status"], CliHarness.Environment(stub.Address, Canned.Token), time: time);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Cluster main: 2 agent(s) on 2 shard(s), 2 connected, 1 with ClickHouse unreachable", result.Out, StringComparison.Ordinal);
        Assert.Contains("Coordinator tier: 2 node(s), 2 up, 1 unreachable; the singletons run on akka.tcp://clickvault-coordinator@coordinator-0:4053", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Active run {Canned.RunId} (cli, running, started 2026-01-01 02:00:00Z, running for 3m 00s)", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*1\s*│\s*r1\s*│\s*full\s*│\s*-\s*│\s*running\s*│\s*25%\s*│", result.Out);
        Assert.Matches(@"│\s*2\s*│\s*-\s*│\s*-\s*│\s*-\s*│\s*planned\s*│\s*-\s*│", result.Out);
        Assert.Matches(@"│\s*20260101T020000Z\s*│\s*cli\s*│\s*partial\s*│\s*1/1/2\s*│", result.Out);
        Assert.Matches(@"│\s*20251231T020000Z\s*│\s*cli\s*│\s*succeeded\s*│\s*2/0/2\s*│", result.Out);
    }

    [Fact]
    public async Task Status_json_round_trips()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["status", "--json"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var status = JsonSerializer.Deserialize(result.Out, ApiJson.Default.StatusView)!;
        Assert.Equal(Canned.Status().ActiveRun!.Shards, status.ActiveRun!.Shards);
        Assert.Equal(Canned.Status().RecentRuns.Select(run => run.RunId), status.RecentRuns.Select(run => run.RunId));
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(ExitCodes.HelpText, result.Out, StringComparison.Ordinal);
        foreach (var verb in new[] { "backup", "list", "status", "agents" })
        {
            Assert.Contains($"  {verb} ", result.Out, StringComparison.Ordinal);
        }
    }
}
