using ClickVault.Cluster.Coordinator;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Testing.Configuration;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.RunOnce;

/// <summary>
/// <c>clickvault-coordinator --config FILE --run-once</c> through its Program, in-process, on the embedded 2x2 cluster
/// with real agents dialing it over real sockets: the exit code is the run's outcome.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class RunOnceTests(TwoByTwoClusterFixture fixture) : IDisposable
{
    private readonly ScratchDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task With_every_agent_connected_one_run_backs_up_every_shard_writes_the_manifest_and_exits_0()
    {
        await using var scenario = ClusterScenario.Prepare(fixture, "runonce");
        await scenario.CreateDataAsync(2_000);
        var port = ProcessControl.FreeLoopbackPorts(1)[0];
        await scenario.StartAgentsAsync();

        var (code, error) = await RunOnceAsync(scenario.CoordinatorYaml(port, "00:01:00"), "--full");

        Assert.True(code == CoordinatorExitCodes.Ok, error);
        var manifest = Assert.Single(await scenario.ManifestsAsync());
        Assert.Equal(("succeeded", "run-once", true), (manifest.Outcome, manifest.Trigger, manifest.FullRequested));
        Assert.Equal(["1", "2"], manifest.Shards.Select(s => s.Shard).Order(StringComparer.Ordinal));
        Assert.All(manifest.Shards, s => Assert.Equal(("succeeded", "full"), (s.Status, s.Kind)));
        Assert.Contains($"run {manifest.RunId} succeeded: 2 shard(s) backed up", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_one_shard_has_no_agent_the_others_are_backed_up_and_the_run_exits_1()
    {
        await using var scenario = ClusterScenario.Prepare(fixture, "runonce_partial");
        await scenario.CreateDataAsync(1_000);
        var port = ProcessControl.FreeLoopbackPorts(1)[0];
        await scenario.StartAgentsAsync(["s1r1", "s1r2"]);

        var (code, error) = await RunOnceAsync(scenario.CoordinatorYaml(port, "00:00:03"));

        Assert.True(code == CoordinatorExitCodes.ShardFailed, error);
        var manifest = Assert.Single(await scenario.ManifestsAsync());
        Assert.Equal("partial", manifest.Outcome);
        Assert.Equal("succeeded", manifest.Shards.Single(s => s.Shard == "1").Status);
        var missing = manifest.Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", missing.Status);
        Assert.Contains("no live agent for shard 2", missing.Error ?? "", StringComparison.Ordinal);
        Assert.Contains("1 of 2 shard(s) failed: 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_agent_comes_within_the_timeout_nothing_runs_and_the_exit_code_is_3()
    {
        await using var scenario = ClusterScenario.Prepare(fixture, "runonce_none");
        var port = ProcessControl.FreeLoopbackPorts(1)[0];

        var (code, error) = await RunOnceAsync(scenario.CoordinatorYaml(port, "00:00:02"));

        Assert.Equal(CoordinatorExitCodes.AgentsMissing, code);
        Assert.Contains("no agent connected within run_once.agent_timeout (00:00:02); no shard is known yet; nothing was backed up", error, StringComparison.Ordinal);
        Assert.Empty(await scenario.ManifestsAsync());
    }

    private async Task<(int Code, string Error)> RunOnceAsync(string yaml, params string[] extra)
    {
        var file = _files.Write("coordinator.yaml", yaml);
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var code = await Program.RunAsync(["--config", file, "--run-once", .. extra], new Dictionary<string, string>(), TextWriter.Null, error, timeout.Token);
        return (code, error.ToString());
    }
}
