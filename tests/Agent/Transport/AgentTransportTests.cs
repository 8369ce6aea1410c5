using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Transport;

/// <summary>A real agent host (real ClickHouse node, real WebSocket client) against an in-test coordinator stub.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class AgentTransportTests(SingleNodeFixture fixture)
{
    private const string RightToken = "right-token-4711";

    [Fact]
    public async Task A_wrong_token_is_refused_logged_as_an_auth_failure_and_retried()
    {
        await using var stub = await CoordinatorStub.StartAsync(RightToken);
        var logs = new LogCapture();
        using var agent = BuildAgent(stub, "wrong-token-0815", logs);

        await agent.StartAsync();
        var refusals = new[] { await stub.NextRefusalAsync(), await stub.NextRefusalAsync(), await stub.NextRefusalAsync() };
        var failure = await logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.StartsWith("authentication failed", StringComparison.Ordinal), CoordinatorStub.Timeout);
        await agent.StopAsync();

        Assert.All(refusals, r => Assert.Equal("Bearer wrong-token-0815", r));
        Assert.Contains("refused the agent's token (HTTP 401 Unauthorized); check agent.token", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{stub.BaseUrl.Authority}/agents/ws", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("wrong-token-0815", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agent_says_hello_runs_a_real_backup_survives_garbage_and_reconnects_with_its_operations()
    {
        var node = fixture.Node;
        await AgentTestDatabase.EnsureAsync(fixture.ClientFor(node), CancellationToken.None);
        await using var stub = await CoordinatorStub.StartAsync(RightToken);
        var logs = new LogCapture();
        using var agent = BuildAgent(stub, RightToken, logs);
        await agent.StartAsync();

        // Hello carries the identity of the real node, then heartbeats follow the welcome.
        var first = await stub.NextConnectionAsync();
        var hello = await first.NextAsync<AgentHello>();
        Assert.Equal(fixture.Cluster.Cluster, hello.Identity.Cluster);
        Assert.Equal(node.Shard.ToString(CultureInfo.InvariantCulture), hello.Identity.Shard);
        Assert.Equal(node.Replica, hello.Identity.Replica);
        Assert.StartsWith("26.", hello.Identity.ClickHouseVersion, StringComparison.Ordinal);
        Assert.Equal(node.Replica, hello.Identity.Macros["replica"]);
        Assert.Empty(hello.Operations);
        await first.SendAsync(new Welcome("stub", TimeSpan.FromMilliseconds(200)));
        Assert.True((await first.NextAsync<AgentHeartbeat>()).ClickHouseReachable);

        // A real BACKUP to the node's s3_plain disk: progress, then exactly one completion.
        var id = new OperationId("agent-transport-" + Guid.NewGuid().ToString("N")[..12]);
        await first.SendAsync(new StartBackup(id, RunId.Parse("20261122T020000Z"), new ShardId("1"), [AgentTestDatabase.Name],
            new DestinationSpec(DestinationKind.Disk, $"agent-tests/{id}/", fixture.Cluster.BackupDisk), null, TimeSpan.FromMilliseconds(100)));
        var completed = await first.NextAsync<BackupCompleted>(m => m.Report.OperationId == id.Value);
        Assert.Equal(OperationState.Succeeded, completed.Report.State);
        Assert.True(completed.Report.NumFiles > 0, "the backup wrote files");

        // Garbage is logged and skipped; the connection still answers, even a query split over several frames.
        await first.SendRawAsync(Encoding.UTF8.GetBytes("this is { not json"), fragments: 1);
        var rejected = await logs.WaitForAsync(e => e.Message.StartsWith("rejected a message from the coordinator: malformed message", StringComparison.Ordinal), CoordinatorStub.Timeout);
        Assert.Equal(LogLevel.Warning, rejected.Level);
        await first.SendRawAsync(ProtocolCodec.Encode(new QueryOperations([id.Value, "never-started"])), fragments: 3);
        var status = await first.NextAsync<OperationStatus>();
        Assert.Equal([OperationState.Succeeded, OperationState.Unknown], status.Reports.Select(r => r.State));
        var aboutTheBackup = first.Log.Where(m => m is OperationProgress or BackupCompleted or BackupFailed).ToList();
        Assert.True(aboutTheBackup.Count >= 2, "at least one progress before the completion");
        Assert.IsType<OperationProgress>(aboutTheBackup[0]);
        Assert.Single(aboutTheBackup, m => m is BackupCompleted or BackupFailed);
        Assert.IsType<BackupCompleted>(aboutTheBackup[^1]);

        // The coordinator closes: the agent reconnects and its hello lists the operation.
        await first.CloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await first.Closed).Status);
        var second = await stub.NextConnectionAsync();
        var again = await second.NextAsync<AgentHello>();
        var report = Assert.Single(again.Operations);
        Assert.Equal(id.Value, report.OperationId);
        Assert.Equal(OperationState.Succeeded, report.State);
        Assert.Equal(completed.Report.NumFiles, report.NumFiles);

        // Stopping the host closes the socket with a normal close.
        await second.SendAsync(new Welcome("stub", TimeSpan.FromSeconds(5)));
        await second.NextAsync<AgentHeartbeat>();
        await agent.StopAsync();
        Assert.Equal((WebSocketCloseStatus.NormalClosure, "agent stopping"), await second.Closed);
    }

    [Fact]
    public async Task Messages_before_the_welcome_are_ignored_and_the_agent_answers_after_it()
    {
        await using var stub = await CoordinatorStub.StartAsync(RightToken);
        var logs = new LogCapture();
        using var agent = BuildAgent(stub, RightToken, logs);
        await agent.StartAsync();
        var connection = await stub.NextConnectionAsync();
        await connection.NextAsync<AgentHello>();

        await connection.SendAsync(new QueryOperations(["early"]));
        await logs.WaitForAsync(e => e.Message == "ignored a QueryOperations from the coordinator: it came before the coordinator's welcome", CoordinatorStub.Timeout);
        await connection.SendAsync(new Welcome("stub", TimeSpan.FromSeconds(5)));
        await connection.SendAsync(new QueryOperations(["late"]));
        var status = await connection.NextAsync<OperationStatus>();
        await agent.StopAsync();

        Assert.Equal("late", Assert.Single(status.Reports).OperationId);
        Assert.DoesNotContain(connection.Log, m => m is OperationStatus s && s.Reports.Any(r => r.OperationId == "early"));
    }

    [Fact]
    public async Task The_agent_measures_backed_up_tables_answers_requests_and_restores_into_a_new_database()
    {
        var client = fixture.ClientFor(fixture.Node);
        await AgentTestDatabase.EnsureAsync(client, CancellationToken.None);
        var scratch = "agent_restore_" + Guid.NewGuid().ToString("N")[..8];
        await using var stub = await CoordinatorStub.StartAsync(RightToken);
        using var agent = BuildAgent(stub, RightToken, new LogCapture());
        await agent.StartAsync();
        var connection = await stub.NextConnectionAsync();
        await connection.NextAsync<AgentHello>();
        await connection.SendAsync(new Welcome("stub", TimeSpan.FromSeconds(5)));

        // A backup carries its tables' figures, read from metadata (parts, no checksum: nothing read the table).
        var backup = new OperationId("agent-figures-" + Guid.NewGuid().ToString("N")[..12]);
        var source = new DestinationSpec(DestinationKind.Disk, $"agent-tests/{backup}/", fixture.Cluster.BackupDisk);
        await connection.SendAsync(new StartBackup(backup, RunId.Parse("20261122T020000Z"), new ShardId("1"), [AgentTestDatabase.Name], source, null,
            TimeSpan.FromMilliseconds(100)));
        var completed = await connection.NextAsync<BackupCompleted>(m => m.Report.OperationId == backup.Value);
        var events = Assert.Single(completed.Report.Tables!, t => t.Table == "events");
        Assert.Equal((AgentTestDatabase.Name, "MergeTree", 400_000UL), (events.Database, events.Engine, events.Rows!.Value));
        Assert.Null(events.Checksum);
        Assert.Equal(400_000UL, events.Parts!.Where(p => p.Active == true).Aggregate(0UL, (n, p) => n + p.Rows));
        Assert.All(events.Parts!, p => Assert.Matches("^[0-9a-f]{32}$", p.Hash));

        // Requests get one reply each, by request id: the statement it would run, the tables it has.
        var spec = new RestoreSpec(source, [AgentTestDatabase.Name], [], [], scratch);
        var operation = new OperationId("restore-20261122T030000Z-1-" + Guid.NewGuid().ToString("N")[..8]);
        await connection.SendAsync(new RenderRestore(new RequestId("render-1"), operation, spec));
        await connection.SendAsync(new InspectTables(new RequestId("inspect-1"), [AgentTestDatabase.Name, scratch], Checksums: true));
        var rendered = await connection.NextAsync<RestoreRendered>();
        var inspected = await connection.NextAsync<TablesInspected>();
        Assert.Equal(
            $"RESTORE DATABASE `{AgentTestDatabase.Name}` AS `{scratch}` FROM Disk('{fixture.Cluster.BackupDisk}', 'agent-tests/{backup}/') SETTINGS id = '{operation}' ASYNC",
            rendered.Sql);
        Assert.Equal(("inspect-1", null), (inspected.RequestId.Value, inspected.Error));
        var summed = Assert.Single(inspected.Tables, t => t.Table == "events");
        Assert.Equal(400_000UL, summed.Rows);

        // The restore runs under its fixed id and ends with one restore completion; the copy has the same figures.
        await connection.SendAsync(new StartRestore(operation, spec, TimeSpan.FromMilliseconds(100)));
        var restored = await connection.NextAsync<RestoreCompleted>(m => m.Report.OperationId == operation.Value);
        Assert.Equal(OperationState.Succeeded, restored.Report.State);
        Assert.True(restored.Report.BytesRead > 0 && restored.Report.FilesRead > 0, "a restore reports what it read");
        await connection.SendAsync(new InspectTables(new RequestId("inspect-2"), [scratch], Checksums: true) { Parts = true });
        var copy = Assert.Single((await connection.NextAsync<TablesInspected>(m => m.RequestId.Value == "inspect-2")).Tables, t => t.Table == "events");
        Assert.Equal((events.Rows, summed.Checksum), (copy.Rows, copy.Checksum));
        Assert.True(copy.Integrity!.Passed, copy.Integrity.Detail);
        var active = events.Parts!.Where(p => p.Active == true).Select(p => p.Hash).Order().ToList();
        Assert.All(active, h => Assert.Contains(h, copy.Parts!.Select(p => p.Hash)));

        // Dropping the scratch database (verification's last step).
        await connection.SendAsync(new DropTables(new RequestId("drop-1"), [], [scratch]));
        var dropped = await connection.NextAsync<TablesDropped>();
        await agent.StopAsync();
        Assert.Equal([scratch], dropped.Databases);
        Assert.Null(dropped.Error);
        Assert.DoesNotContain(connection.Log, m => m is RestoreFailed or BackupFailed);
    }

    private IHost BuildAgent(CoordinatorStub stub, string token, LogCapture logs)
    {
        var node = fixture.Node;
        return AgentHostBuilder.Build(
            new Dictionary<string, string?>
            {
                ["agent:coordinator_url"] = stub.BaseUrl.ToString(),
                ["agent:token"] = token,
                ["agent:heartbeat_interval"] = "200ms",
                ["agent:reconnect_min_delay"] = "50ms",
                ["agent:reconnect_max_delay"] = "200ms",
                ["agent:poll_interval"] = "100ms",
                ["clickhouse:url"] = node.Url.ToString(),
                ["clickhouse:user"] = fixture.Cluster.User,
                ["clickhouse:password"] = fixture.Cluster.Password,
                ["destination:disk"] = fixture.Cluster.BackupDisk,
            },
            services => services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
    }
}
