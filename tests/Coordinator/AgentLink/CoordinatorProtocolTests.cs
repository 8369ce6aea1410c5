using System.Net;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using ClickVault.Cluster.Testing.Tls;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.AgentLink;

/// <summary>The coordinator over real Akka.Remote and real S3 (s3rver), with agents speaking the protocol by hand.</summary>
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
    public async Task An_agent_with_a_wrong_token_is_refused_and_never_listed()
    {
        await using var agent = ProtocolAgent.Connect(_coordinator.AgentContact, "1", "r1");
        agent.Send(new AgentHello(ProtocolAgent.Identity("1", "r1"), []) { Token = "wrong-token-wrong-token" });

        var refused = await agent.ExpectAsync<AgentRefused>();

        Assert.Equal("wrong agent token", refused.Reason);
        agent.Send(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
        Assert.Equal("this coordinator has no session for the agent", (await agent.ExpectAsync<HelloRequired>()).Reason);
        Assert.Empty(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView));
    }

    [Fact]
    public async Task A_peer_with_a_certificate_from_another_CA_cannot_associate()
    {
        await using var stranger = ProtocolAgent.Connect(_coordinator.AgentContact, "1", "r1", TestCertificates.Create("stranger CA"));
        stranger.Send(new AgentHello(ProtocolAgent.Identity("1", "r1"), []) { Token = InProcessCoordinator.AgentToken });

        // The handshake fails on both sides: no welcome comes, and no agent is ever registered.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stranger.ExpectAsync<Welcome>(TimeSpan.FromSeconds(5)));
        Assert.Empty(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView));
        await using var member = await ProtocolAgent.JoinAsync(_coordinator, "2", []);
        Assert.Equal("2", Assert.Single(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView)).Shard);
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
    public async Task Hello_registers_the_agent_and_a_message_of_an_unregistered_one_is_dropped()
    {
        await using var agent = await ProtocolAgent.JoinAsync(_coordinator, "1", []);

        agent.SendAs("2", "r9", new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
        await agent.ExpectAsync<HelloRequired>();
        agent.Send(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
        await agent.ExpectAsync<HeartbeatAck>();

        var view = Assert.Single(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView));
        Assert.Equal(("1", "r1", "connected"), (view.Shard, view.Replica, view.State));
    }

    [Fact]
    public async Task An_agent_of_another_cluster_or_speaking_for_another_replica_is_refused()
    {
        await using var agent = ProtocolAgent.Connect(_coordinator.AgentContact, "1", "r1");
        agent.Send(new AgentHello(ProtocolAgent.Identity("1", "r1", cluster: "other"), []) { Token = InProcessCoordinator.AgentToken });
        Assert.Equal("this coordinator serves cluster 'c', not 'other'", (await agent.ExpectAsync<AgentRefused>()).Reason);

        agent.Send(new AgentHello(ProtocolAgent.Identity("1", "r2"), []) { Token = InProcessCoordinator.AgentToken });
        Assert.Equal("the hello's identity 1/r2 is not its sender 1/r1", (await agent.ExpectAsync<AgentRefused>()).Reason);
        Assert.Empty(await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView));
    }

    [Fact]
    public async Task A_silent_agent_is_disconnected_and_asked_for_a_new_hello_when_it_speaks_again()
    {
        await using var agent = await ProtocolAgent.JoinAsync(_coordinator, "1", []);
        agent.Heartbeating = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView)).Single().State != "disconnected")
        {
            await Task.Delay(100, timeout.Token);
        }

        agent.Send(new AgentHeartbeat(DateTimeOffset.UtcNow, true, null));
        await agent.ExpectAsync<HelloRequired>();
        agent.Send(new AgentHello(ProtocolAgent.Identity("1", "r1"), []) { Token = InProcessCoordinator.AgentToken });
        await agent.ExpectAsync<Welcome>();
        Assert.Equal("connected", (await _coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView)).Single().State);
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

        one.Send(new BackupCompleted(Report(start1, OperationState.Succeeded)));
        two.Send(new BackupFailed(Report(start2, OperationState.Failed), "Code: 81. DB::Exception: Database shop does not exist"));
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

        one.Send(new BackupCompleted(Report(next1, OperationState.Succeeded)));
        two.Send(new BackupCompleted(Report(next2, OperationState.Succeeded)));
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
        one.Send(new BackupCompleted(Report(await one.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        two.Send(new BackupCompleted(Report(await two.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        Assert.Equal("succeeded", (await _coordinator.WaitForRunAsync(run.RunId, TimeSpan.FromSeconds(30))).State);
    }

    [Fact]
    public async Task A_shard_without_an_agent_fails_and_the_others_proceed()
    {
        await using var one = await HelloAsync("1");
        var run = await _coordinator.StartRunAsync();

        one.Send(new BackupCompleted(Report(await one.ExpectAsync<StartBackup>(), OperationState.Succeeded)));
        var done = await _coordinator.WaitForRunAsync(run.RunId, TimeSpan.FromSeconds(30));

        Assert.Equal("partial", done.State);
        var missing = done.Shards.Single(s => s.Shard == "2");
        Assert.Equal("failed", missing.State);
        Assert.Contains("no live agent", missing.Error, StringComparison.Ordinal);
    }

    private Task<ProtocolAgent> HelloAsync(string shard) => ProtocolAgent.JoinAsync(_coordinator, shard, []);

    private static OperationReport Report(StartBackup start, OperationState state) => new(
        start.OperationId.Value, state, state == OperationState.Failed ? "boom" : "", "q-" + start.OperationId, 7, 7, 1000, 900, 800, 0, 0,
        DateTimeOffset.UtcNow.AddSeconds(-1), state == OperationState.Running ? null : DateTimeOffset.UtcNow);
}
