using System.Text;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

public sealed class ProtocolCodecTests
{
    private static readonly OperationReport Report = new(
        "20261122T020000Z-1", OperationState.Running, "", "q-1", 12, 14, 1000, 800, 0, 0, 0,
        new DateTimeOffset(2026, 11, 22, 2, 0, 1, TimeSpan.Zero), null);

    public static TheoryData<ProtocolMessage> EveryMessage => new()
    {
        new AgentHello(new AgentIdentity("main", "1", "r1", "ch-1", "26.5.1.1", new Dictionary<string, string> { ["shard"] = "1", ["replica"] = "r1" }, "1.0"), [Report]),
        new AgentHeartbeat(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), false, "connection refused"),
        new OperationProgress(Report),
        new BackupCompleted(Report with { State = OperationState.Succeeded, FinishedAt = new DateTimeOffset(2026, 11, 22, 2, 1, 0, TimeSpan.Zero) }),
        new BackupFailed(Report with { State = OperationState.Failed }, "Code: 81. DB::Exception: Database x does not exist"),
        new OperationStatus([Report, Report with { OperationId = "20261122T020000Z-2", State = OperationState.Unknown }]),
        new Welcome("1.0", TimeSpan.FromSeconds(5)),
        new StartBackup(new OperationId("20261122T020000Z-1"), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop", "logs"],
            new DestinationSpec(DestinationKind.Disk, "c/shard-1/incremental/20261122T020000Z/", "backups"),
            new DestinationSpec(DestinationKind.S3, "c/shard-1/full/20261121T020000Z/"), TimeSpan.FromMilliseconds(500)),
        new StartBackup(new OperationId("20261122T020000Z.a2-1"), RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop"],
            new DestinationSpec(DestinationKind.Disk, "c/shard-1/full/20261122T020000Z.a2/", "backups"), null, TimeSpan.FromSeconds(1))
        {
            ClickHouseUnreachableTimeout = TimeSpan.FromSeconds(30),
        },
        new BackupFailed(Report with { State = OperationState.Failed, ServerLost = true }, "the local ClickHouse has been unreachable for 30 s"),
        new CancelOperation(new OperationId("20261122T020000Z-1")),
        new QueryOperations(["20261122T020000Z-1", "20261122T020000Z-2"]),
        new QueryOperations(["20261122T020000Z-1"]) { Databases = ["shop"] },
        new OperationStatus([Report with
        {
            State = OperationState.Succeeded,
            Tables = [new BackupTableFigures("shop", "orders", "MergeTree", 1000, null, null, null, null)
            {
                Parts = [new PartFigures("all_1_1_0", 1000, 8731, "5e53dcfe185737ff1eef4a97abdf4e9e") { Active = true }],
            }],
        }]),
    };

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_message_round_trips(ProtocolMessage message)
    {
        var decoded = ProtocolCodec.Decode(ProtocolCodec.ManifestOf(message), ProtocolCodec.Encode(message));

        Assert.True(decoded.Ok, decoded.Rejection);
        Assert.Equal(message.GetType(), decoded.Message!.GetType());
        Assert.Equal(Encoding.UTF8.GetString(ProtocolCodec.Encode(message)), Encoding.UTF8.GetString(ProtocolCodec.Encode(decoded.Message)));
    }

    [Fact]
    public void The_wire_form_is_the_message_with_its_type_and_the_manifest_adds_the_version()
    {
        var cancel = new CancelOperation(new OperationId("r-1"));

        Assert.Equal("""{"type":"operation.cancel","operation_id":"r-1"}""", Encoding.UTF8.GetString(ProtocolCodec.Encode(cancel)));
        Assert.Equal("operation.cancel.v1", ProtocolCodec.ManifestOf(cancel));
        Assert.Contains("coordinator.heartbeat_ack.v1", ProtocolCodec.Manifests);
    }

    [Fact]
    public void The_type_may_come_after_the_fields()
    {
        var decoded = Decode("operation.cancel.v1", """{"operation_id":"r-1","type":"operation.cancel"}""");

        Assert.Equal(new OperationId("r-1"), Assert.IsType<CancelOperation>(decoded.Message).OperationId);
    }

    [Fact]
    public void A_start_and_a_report_of_before_the_unreachable_timeout_still_decode_without_it()
    {
        const string start = """{"type":"backup.start","operation_id":"20261122T020000Z-1","run_id":"20261122T020000Z","shard":"1","databases":["shop"],"destination":{"kind":"Disk","key":"k"},"base_backup":null,"poll_interval":"00:00:01"}""";
        const string failed = """{"type":"backup.failed","report":{"operation_id":"20261122T020000Z-1","state":"Failed","error":"x","query_id":"q","num_files":0,"num_entries":0,"total_size":0,"uncompressed_size":0,"compressed_size":0,"files_read":0,"bytes_read":0,"started_at":null,"finished_at":null},"error":"x"}""";

        var decodedStart = Assert.IsType<StartBackup>(Decode("backup.start.v1", start).Message);
        var decodedFailed = Assert.IsType<BackupFailed>(Decode("backup.failed.v1", failed).Message);

        Assert.Null(decodedStart.ClickHouseUnreachableTimeout);
        Assert.False(decodedFailed.Report.ServerLost);
        Assert.DoesNotContain("server_lost", Encoding.UTF8.GetString(ProtocolCodec.Encode(decodedFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hello_of_before_tokens_and_topology_decodes_with_empty_ones()
    {
        // The source generator sets a missing init-only property to null, not to its initializer (dotnet/runtime#84484).
        const string hello = """{"type":"agent.hello","identity":{"cluster":"main","shard":"1","replica":"r1","host":"h","click_house_version":"26.5","macros":{},"agent_version":"1.0"},"operations":[]}""";

        var decoded = Assert.IsType<AgentHello>(Decode("agent.hello.v1", hello).Message);

        Assert.Equal("", decoded.Token);
        Assert.Empty(decoded.Identity.Topology);
        Assert.Contains("Token = (empty)", decoded.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent.selfdestruct.v1", """{"type":"operation.cancel","operation_id":"r-1"}""", "unknown manifest 'agent.selfdestruct.v1'")]
    [InlineData("operation.cancel", """{"type":"operation.cancel","operation_id":"r-1"}""", "unknown manifest 'operation.cancel'")]
    [InlineData("operation.cancel.v2", """{"type":"operation.cancel","operation_id":"r-1"}""", "manifest 'operation.cancel.v2' is of another protocol version")]
    [InlineData("operation.cancel.v1", """{"type":"operation.query","operation_ids":["r-1"]}""", "'operation.cancel.v1' message carries a body of type 'operation.query'")]
    [InlineData("operation.cancel.v1", "not json", "malformed 'operation.cancel.v1' message")]
    [InlineData("operation.cancel.v1", "null", "'operation.cancel.v1' message is JSON null")]
    [InlineData("operation.cancel.v1", """{"type":"agent.selfdestruct"}""", "'operation.cancel.v1'")]
    [InlineData("operation.cancel.v1", """{"operation_id":"r-1"}""", "'operation.cancel.v1'")]
    [InlineData("operation.cancel.v1", """{"type":"operation.cancel"}""", "operation_id")]
    [InlineData("operation.cancel.v1", """{"type":"operation.cancel","operation_id":"bad id; DROP"}""", "operation id 'bad id; DROP' is invalid")]
    [InlineData("backup.start.v1", """{"type":"backup.start","operation_id":"a-1","run_id":"yesterday","shard":"1","databases":[],"destination":{"kind":"Disk","key":"k"},"base_backup":null,"poll_interval":"00:00:01"}""", "run id 'yesterday' is invalid")]
    [InlineData("agent.hello.v1", """{"type":"agent.hello","identity":{"cluster":"main","shard":"1","replica":"r1","host":"h","click_house_version":"26.5","macros":{},"agent_version":"1.0"},"operations":[],"token":null}""", "token")]
    public void Malformed_or_unknown_messages_are_rejected_with_a_reason(string manifest, string wire, string reason)
    {
        var decoded = Decode(manifest, wire);

        Assert.False(decoded.Ok);
        Assert.Contains(reason, decoded.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_message_is_rejected_before_parsing()
    {
        var decoded = ProtocolCodec.Decode("operation.cancel.v1", new byte[ProtocolCodec.MaxMessageBytes + 1]);

        Assert.False(decoded.Ok);
        Assert.Contains("'operation.cancel.v1' message of 1048577 bytes exceeds", decoded.Rejection, StringComparison.Ordinal);
    }

    private static DecodeResult Decode(string manifest, string wire) => ProtocolCodec.Decode(manifest, Encoding.UTF8.GetBytes(wire));
}
