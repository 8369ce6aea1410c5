using System.Text.Json;
using ClickVault.Cluster.Cli;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Restores;

/// <summary>`clickvault restore` through the real CLI entry point against a real coordinator, agents and cluster.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class RestoreCliTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task The_restore_verb_restores_follows_refuses_and_names_unknown_runs_with_its_exit_codes()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "clirestore");
        await scenario.CreateDataAsync(2_000);
        await scenario.CreateMoreTablesAsync();
        await scenario.RunAsync();
        var copy = scenario.Database + "_cli";
        try
        {
            var refused = await CliAsync(scenario, "restore", "latest");
            var unknown = await CliAsync(scenario, "restore", "20200101T000000Z");
            var dryRun = await CliAsync(scenario, "restore", "latest", "--as-database", copy, "--dry-run", "--replicas", "all");
            var json = await CliAsync(scenario, "restore", "latest", "--as-database", copy, "--json");
            var human = await CliAsync(scenario, "restore", "latest", "--shard", "2", "--tables", $"{scenario.Database}.customers", "--replace");

            Assert.True(refused.ExitCode == 5, refused.ToString());
            Assert.Contains("error: conflict: restore refused: target tables hold rows", refused.Error, StringComparison.Ordinal);
            Assert.True(unknown.ExitCode == 6, unknown.ToString());
            Assert.Contains("no run 20200101T000000Z", unknown.Error, StringComparison.Ordinal);
            Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
            Assert.Contains($"replica-2: RESTORE DATABASE `{scenario.Database}` AS `{copy}` FROM Disk('backups', ", dryRun.Out, StringComparison.Ordinal);
            Assert.Contains("dry run: nothing was run", dryRun.Out, StringComparison.Ordinal);

            Assert.True(json.ExitCode == 0, json.ToString());
            var lines = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var started = JsonSerializer.Deserialize(lines[0], RestoreApiJson.Default.RestoreView)!;
            var finished = JsonSerializer.Deserialize(lines[^1], RestoreApiJson.Default.RestoreView)!;
            Assert.Equal(("running", "succeeded", started.RestoreId), (started.State, finished.State, finished.RestoreId));
            Assert.Contains(lines[1..^1].Select(l => JsonSerializer.Deserialize(l, ApiJson.Default.RunEvent)!), e => e.Kind == "shard.succeeded");
            foreach (var node in scenario.Cluster.Nodes)
            {
                Assert.Equal(await scenario.TablesAsync(node, scenario.Database), await scenario.TablesAsync(node, copy));
            }

            Assert.True(human.ExitCode == 0, human.ToString());
            Assert.Matches(@"restore restore-\d{8}T\d{6}Z succeeded in .*: 1 of 1 shard\(s\) restored", human.Out);
            Assert.Contains("shard.dropped", string.Join(",", await KindsAsync(scenario, human.Out)), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var node in scenario.Cluster.Nodes)
            {
                await scenario.ExecuteAsync(node, $"DROP DATABASE IF EXISTS {copy}");
            }
        }
    }

    /// <summary>Runs the real CLI entry point against the scenario's coordinator (also used by the verify CLI tests).</summary>
    internal static async Task<CliRun> CliAsync(ClusterScenario scenario, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            ["CLICKVAULT_COORDINATOR_URL"] = scenario.Coordinator.BaseUrl.ToString(),
            ["CLICKVAULT_OPERATOR_TOKEN"] = InProcessCoordinator.OperatorToken,
        };
        var code = await ClickVault.Cluster.Cli.Program.RunAsync(args, new CliHost(stdout, stderr, environment, OutputIsTerminal: false, TimeProvider.System));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The event kinds of the restore the human output names.</summary>
    private static async Task<IReadOnlyList<string>> KindsAsync(ClusterScenario scenario, string output) =>
        [.. (await scenario.EventsAsync(RestoreRoutes.RestoreEventsPath(System.Text.RegularExpressions.Regex.Match(output, @"restore-\d{8}T\d{6}Z").Value))).Events
            .Select(e => e.Kind)];

    internal sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }
}
