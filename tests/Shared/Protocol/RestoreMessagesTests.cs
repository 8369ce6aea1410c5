using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

public sealed class RestoreMessagesTests
{
    private static readonly OperationReport Report = new(
        "restore-20261122T030000Z-1-replica-1", OperationState.Running, "", "q-9", 184, 116, 289_694_361, 289_718_316, 289_718_316, 119, 135_572_796,
        new DateTimeOffset(2026, 11, 22, 3, 0, 1, TimeSpan.Zero), null);

    private static readonly RestoreSpec Spec = new(
        new DestinationSpec(DestinationKind.Disk, "c/shard-1/incremental/20261122T020000Z/", "backups"), ["shop"], [new TableRef("logs", "events")],
        [new TableRef("shop", "tmp")], "shop_copy");

    private static readonly RequestId Request = new("0f8fad5bd9cb469fa16570867728950e");

    public static TheoryData<ProtocolMessage> EveryRestoreMessage => new()
    {
        new StartRestore(new OperationId(Report.OperationId), Spec, TimeSpan.FromMilliseconds(250)),
        new StartRestore(new OperationId(Report.OperationId), Spec with { Tables = [], ExceptTables = [], AsDatabase = null }, TimeSpan.FromSeconds(1)),
        new RestoreCompleted(Report with { State = OperationState.Succeeded, FinishedAt = new DateTimeOffset(2026, 11, 22, 3, 0, 2, TimeSpan.Zero) }),
        new RestoreFailed(Report with { State = OperationState.Failed }, "Code: 599. DB::Exception: Backup Disk('backups', 'x/') not found. (BACKUP_NOT_FOUND)"),
        new RenderRestore(Request, new OperationId(Report.OperationId), Spec),
        new RestoreRendered(Request, "RESTORE DATABASE `shop` AS `shop_copy` FROM Disk('backups', 'k/') SETTINGS id = 'r' ASYNC", null),
        new RestoreRendered(Request, null, "the agent refused restore r: its source is on S3 but this agent has no S3 settings"),
        new InspectTables(Request, ["shop", "logs"], Checksums: true),
        new InspectTables(Request, ["scratch"], Checksums: false) { Parts = true },
        new TablesInspected(Request, [new TableFigures("scratch", "orders", "MergeTree", 10, null, null)
        {
            Parts = [new PartFigures("all_1_1_0", 10, 90, "aa") { Active = false }], Integrity = new TableIntegrity(false, "all_1_1_0: checksum mismatch"),
        }], null),
        new TablesInspected(Request, [new TableFigures("shop", "orders", "MergeTree", 1204, 18_446_744_073_709_551_615, null),
            new TableFigures("shop", "v", "View", null, null, "not measured: engine View holds no data of its own")], null),
        new TablesInspected(Request, [], "cannot inspect the tables: ClickHouse at http://127.0.0.1:8123/ is unreachable"),
        new DropTables(Request, [new TableRef("shop", "orders")], ["scratch_1"]),
        new TablesDropped(Request, [new TableRef("shop", "orders")], [], "dropping stopped at the first failure: Code: 60"),
        new ListDatabases(Request, "clickvault_verify_"),
        new DatabasesListed(Request, ["clickvault_verify_20261122T020000Z_1_shop"], null),
        new DatabasesListed(Request, [], "cannot list the databases: ClickHouse at http://127.0.0.1:8123/ is unreachable"),
        new BackupCompleted(Report with { OperationId = "20261122T020000Z-1", State = OperationState.Succeeded })
        {
            Tables = [new BackupTableFigures("shop", "orders", "MergeTree", 1000, 1010, 77, 78, null), new BackupTableFigures("shop", "v", "View", null, null, null, null, "not measured")],
        },
    };

    [Theory]
    [MemberData(nameof(EveryRestoreMessage))]
    public void Every_restore_message_round_trips(ProtocolMessage message)
    {
        var decoded = Wire.RoundTrip(message);

        Assert.True(decoded.Ok, decoded.Rejection);
        Assert.Equal(message.GetType(), decoded.Message!.GetType());
        Assert.Equal(Wire.Json(message), Wire.Json(decoded.Message));
    }

    [Fact]
    public void The_wire_names_are_stable()
    {
        var json = Wire.Json(new DropTables(Request, [new TableRef("shop", "orders")], []));

        Assert.Equal("""{"type":"tables.drop","request_id":"0f8fad5bd9cb469fa16570867728950e","tables":[{"database":"shop","table":"orders"}],"databases":[]}""", json);
    }

    [Fact]
    public void A_backup_completion_from_an_older_agent_without_tables_still_decodes()
    {
        var wire = """{"type":"backup.completed","report":{"operation_id":"20261122T020000Z-1","state":"Succeeded","error":"","query_id":"q","num_files":1,"num_entries":1,"total_size":1,"uncompressed_size":1,"compressed_size":1,"files_read":0,"bytes_read":0,"started_at":null,"finished_at":null}}""";

        var decoded = Wire.Decode(wire);

        Assert.True(decoded.Ok, decoded.Rejection);
        Assert.Null(Assert.IsType<BackupCompleted>(decoded.Message).Tables);
    }

    [Theory]
    [InlineData("""{"type":"restore.start","operation_id":"r-1","poll_interval":"00:00:01"}""", "restore")]
    [InlineData("""{"type":"restore.start","operation_id":"r 1; DROP","restore":{"source":{"kind":"Disk","key":"k"},"databases":[],"tables":[],"except_tables":[],"as_database":null},"poll_interval":"00:00:01"}""", "operation id 'r 1; DROP' is invalid")]
    [InlineData("""{"type":"restore.start","operation_id":"r-1","restore":{"source":{"kind":"Tape","key":"k"},"databases":[],"tables":[],"except_tables":[],"as_database":null},"poll_interval":"00:00:01"}""", "restore.source.kind")]
    [InlineData("""{"type":"tables.inspect","request_id":"a b","databases":["shop"],"checksums":false}""", "request id 'a b' is invalid")]
    [InlineData("""{"type":"tables.inspect","request_id":"a","checksums":false}""", "databases")]
    [InlineData("""{"type":"tables.inspect","request_id":"a","databases":null,"checksums":false}""", "databases")]
    [InlineData("""{"type":"tables.drop","request_id":"a","tables":[{"database":"shop"}],"databases":[]}""", "table")]
    [InlineData("""{"type":"tables.inspected","request_id":"a","tables":[{"database":"d","table":"t","engine":"MergeTree","rows":-1,"checksum":null,"note":null}],"error":null}""", "malformed 'tables.inspected.v1' message")]
    [InlineData("""{"type":"restore.rendered","sql":"RESTORE ...","error":null}""", "request_id")]
    [InlineData("""{"type":"restore.completed"}""", "report")]
    public void Malformed_restore_messages_are_rejected_with_a_reason(string wire, string reason)
    {
        var decoded = Wire.Decode(wire);

        Assert.False(decoded.Ok);
        Assert.Contains(reason, decoded.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ids_label_the_start_second_and_name_one_operation_per_shard_and_replica()
    {
        var id = RestoreId.From(new DateTimeOffset(2026, 11, 22, 3, 0, 0, 750, TimeSpan.Zero));

        Assert.Equal("restore-20261122T030000Z", id.Value);
        Assert.Equal(id, RestoreId.Parse("restore-20261122T030000Z"));
        Assert.Equal("restore-20261122T030001Z", id.After(id).Value);
        Assert.Equal(id, id.After(RestoreId.Parse("restore-20261122T020000Z")));
        Assert.Equal("restore-20261122T030000Z-01-replica_a_b", id.OperationFor(new ShardId("01"), "replica a/b").Value);
        Assert.True(RestoreId.IsRestoreOperation(id.OperationFor(new ShardId("1"), "r1").Value));
        Assert.False(RestoreId.IsRestoreOperation(OperationId.ForBackup(RunId.Parse("20261122T030000Z"), new ShardId("1")).Value));
        Assert.False(RestoreId.TryParse("restore-yesterday", out _));
        Assert.Contains("restore id 'x' is invalid", Assert.Throws<FormatException>(() => RestoreId.Parse("x")).Message, StringComparison.Ordinal);
    }
}
