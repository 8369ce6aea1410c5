using System.Net;
using System.Net.WebSockets;
using System.Text;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Transport;

/// <summary>The coordinator over real sockets and real S3 (s3rver), with agents speaking the protocol by hand.</summary>
public sealed class CoordinatorProtocolTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private readonly string _prefix = S3rverFixture.NewPrefix("coord").TrimEnd('/');
    private InProcessCoordinator _coordinator = null!;

    public async Task InitializeAsync() => _coordinator = await StartAsync();

    public async Task DisposeAsync() => await _coordinator.DisposeAsync();

    private Task<InProcessCoordinator> StartAsync() => InProcessCoordinator.StartAsync("c", s3.Options, new Dictionary<string, string?>
    {
        ["backup:databases:0"] = "shop",
        ["backup:prefix"] = _prefix,
        ["backup:destination"] = "disk",
    });

    [Fact]
    public async Task An_agent_with_a_wrong_token_is_refused()
    {
        var e = await Assert.ThrowsAsync<WebSocketException>(() => RawAgent.ConnectAsync(_coordinator.BaseUrl, "wrong-token-wrong-token"));

        Assert.Contains("401", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_need_their_token_and_a_run_needs_agents()
    {
        using var anonymous = new HttpClient { BaseAddress = _coordinator.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/agents")).StatusCode);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => _coordinator.StartRunAsync());
        Assert.Contains("no_agents", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_registers_the_agent_and_a_malformed_frame_does_not_end_the_session()
    {
        await using var agent = await RawAgent.ConnectAsync(_coordinator.BaseUrl, InProcessCoordinator.AgentToken);
        await agent.SendAsync(new AgentHello(RawAgent.Identity("1", "r1"), []));
        await agent.ExpectAsync<Welcome>();

        await agent.SendRawAsync(Encoding.UTF8.GetBytes("{\"v\":1,\"message\":{\"type\":\"agent.selfdestruct\"}}"));
        await agent.SendRawAsync(Encoding.UTF8.GetBytes("not even json"));
        await agent.SendAsync(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));

        var agents = await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView);
        var view = Assert.Single(agents);
        Assert.Equal(("1", "r1", "connected"), (view.Shard, view.Replica, view.State));
        Assert.True(agent.IsOpen);
    }

    [Fact]
    public async Task An_agent_of_another_cluster_is_closed()
    {
        await using var agent = await RawAgent.ConnectAsync(_coordinator.BaseUrl, InProcessCoordinator.AgentToken);
        await agent.SendAsync(new AgentHello(RawAgent.Identity("1", "r1", cluster: "other"), []));

        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView));
    }

    [Fact]
    public async Task A_run_dispatches_per_shard_records_the_catalog_and_chains_the_next_run_only_on_a_present_base()
    {
        await using var one = await HelloAsync("1");
        await using var two = await HelloAsync("2");

        var first = await _coordinator.StartRunAsync();
        var start1 = await one.ExpectAsync<StartBackup>();
        var start2 = await two.ExpectAsync<StartBackup>();
        Assert.Equal((DestinationKind.Disk, "backups"), (start1.Destination.Kind, start1.Destination.Disk));
        Assert.Equal($"{_prefix}/c/shard-1/full/{first.RunId}/", start1.Destination.Key);
        Assert.Null(start1.BaseBackup);
        Assert.Equal(["shop"], start1.Databases);

        await one.SendAsync(new BackupCompleted(Report(start1, OperationState.Succeeded)));
        await two.SendAsync(new BackupFailed(Report(start2, OperationState.Failed), "Code: 81. DB::Exception: Database shop does not exist"));
        var done = await _coordinator.WaitForRunAsync(first.RunId, TimeSpan.FromSeconds(30));

        Assert.Equal("partial", done.State);
        Assert.Contains("Database shop does not exist", done.Shards.Single(s => s.Shard == "2").Error, StringComparison.Ordinal);
        var catalog = new CatalogStore(s3.Store, new Shared.Layout.BackupLayout(new Shared.Layout.LayoutOptions(_prefix, new Shared.Layout.ClusterName("c"))));
        var sidecar = await catalog.ReadSidecarAsync(start1.Destination.Key, default);
        Assert.Equal(("full", "1", "r1", first.RunId, 7UL), (sidecar!.Kind, sidecar.Shard, sidecar.Replica, sidecar.RunId, sidecar.NumFiles));
        Assert.Null(await catalog.ReadSidecarAsync($"{_prefix}/c/shard-2/full/{first.RunId}/", default));
        Assert.Equal("partial", (await catalog.ReadRunManifestAsync(Shared.Layout.RunId.Parse(first.RunId), default))!.Outcome);

        // ClickHouse would have written the native .backup of shard 1: with it the next run chains, without it (shard 2 failed) it is full.
        await s3.Store.PutAsync(start1.Destination.Key + ".backup", new byte[] { 1 }, null, default);
        var second = await _coordinator.StartRunAsync();
        var next1 = await one.ExpectAsync<StartBackup>();
        var next2 = await two.ExpectAsync<StartBackup>();
        Assert.Equal(start1.Destination.Key, next1.BaseBackup!.Key);
        Assert.Contains("/incremental/", next1.Destination.Key, StringComparison.Ordinal);
        Assert.Null(next2.BaseBackup);
        Assert.Contains("/full/", next2.Destination.Key, StringComparison.Ordinal);

        await one.SendAsync(new BackupCompleted(Report(next1, OperationState.Succeeded)));
        await two.SendAsync(new BackupCompleted(Report(next2, OperationState.Succeeded)));
        Assert.Equal("succeeded", (await _coordinator.WaitForRunAsync(second.RunId, TimeSpan.FromSeconds(30))).State);
        var backups = await _coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(["1:full:0", "1:incremental:1", "2:full:0"], backups.Select(b => $"{b.Shard}:{b.Kind}:{b.ChainDepth}"));
    }

    [Fact]
    public async Task A_second_run_while_one_is_active_is_a_conflict()
    {
        await using var one = await HelloAsync("1");
        await using var two = await HelloAsync("2");
        var run = await _coordinator.StartRunAsync();

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => _coordinator.StartRunAsync());

        Assert.Contains("409", e.Message, StringComparison.Ordinal);
        Assert.Contains("run_active", e.Message, StringComparison.Ordinal);
        await one.SendAsync(new BackupCompleted(Report(await one.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        await two.SendAsync(new BackupCompleted(Report(await two.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        Assert.Equal("succeeded", (await _coordinator.WaitForRunAsync(run.RunId, TimeSpan.FromSeconds(30))).State);
    }

    [Fact]
    public async Task A_shard_without_an_agent_fails_and_the_others_proceed()
    {
        await using var one = await HelloAsync("1");
        var run = await _coordinator.StartRunAsync();

        await one.SendAsync(new BackupCompleted(Report(await one.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        var done = await _coordinator.WaitForRunAsync(run.RunId, TimeSpan.FromSeconds(30));

        Assert.Equal("partial", done.State);
        var missing = done.Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", missing.State);
        Assert.Contains("no live agent", missing.Error, StringComparison.Ordinal);
    }

    private async Task<RawAgent> HelloAsync(string shard)
    {
        var agent = await RawAgent.ConnectAsync(_coordinator.BaseUrl, InProcessCoordinator.AgentToken);
        await agent.SendAsync(new AgentHello(RawAgent.Identity(shard, "r1"), []));
        agent.HelloSent = true;
        await agent.ExpectAsync<Welcome>();
        return agent;
    }

    private static OperationReport Report(StartBackup start, OperationState state) => new(
        start.OperationId.Value, state, state == OperationState.Failed ? "boom" : "", "q-" + start.OperationId, 7, 7, 1000, 900, 800, 0, 0,
        DateTimeOffset.UtcNow.AddSeconds(-1), state == OperationState.Running ? null : DateTimeOffset.UtcNow);
}
