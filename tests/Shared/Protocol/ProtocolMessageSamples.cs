using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

/// <summary>
/// One representative of every protocol message, every optional member set (null only where the type allows nothing
/// else), so a field the codec drops shows up in a round trip.
/// </summary>
internal static class ProtocolMessageSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 2, 0, 1, TimeSpan.Zero);

    private static readonly RequestId Request = new("0f8fad5bd9cb469fa16570867728950e");

    private static readonly OperationId Backup = new("20261122T020000Z.a2-1");

    private static readonly PartFigures Part = new("all_1_1_0", 1000, 8731, "5e53dcfe185737ff1eef4a97abdf4e9e") { Active = true };

    private static readonly OperationReport Report = new(
        Backup.Value, OperationState.Succeeded, "Code: 0", "q-1", 12, 14, 1000, 800, 700, 3, 4096, At, At.AddMinutes(1))
    {
        Tables = [new BackupTableFigures("shop", "orders", "MergeTree", 1000, 1010, 77, 78, "grew while backed up") { Parts = [Part] }],
        ServerLost = true,
    };

    private static readonly RestoreSpec Restore = new(
        new DestinationSpec(DestinationKind.S3, "c/shard-1/incremental/20261122T020000Z/", "backups"), ["shop"],
        [new TableRef("logs", "events")], [new TableRef("shop", "tmp")], "shop_copy", AccessCreationMode.CreateIfNotExists);

    private static readonly TableFigures Table = new("scratch", "orders", "MergeTree", 10, 18_446_744_073_709_551_615, "checked")
    {
        Parts = [Part with { Active = false }],
        Integrity = new TableIntegrity(false, "all_1_1_0: checksum mismatch"),
    };

    public static IEnumerable<ProtocolMessage> All =>
    [
        new AgentHello(
            new AgentIdentity("main", "1", "r1", "ch-1", "26.5.1.1", new Dictionary<string, string> { ["shard"] = "1", ["replica"] = "r1" }, "1.0")
            {
                Topology = [new TopologyReplica(1, 1, "ch-1", 9000, true), new TopologyReplica(1, 2, "ch-2", 9000, false)],
            },
            [Report])
        {
            Token = "s3cr3t",
        },
        new AgentHeartbeat(At, false, "connection refused"),
        new OperationProgress(Report with { State = OperationState.Running, FinishedAt = null }),
        new BackupCompleted(Report) { Tables = [new BackupTableFigures("shop", "v", "View", null, null, null, null, "not measured")] },
        new BackupFailed(Report with { State = OperationState.Failed }, "Code: 81. DB::Exception: Database x does not exist"),
        new OperationStatus([Report, Report with { OperationId = "20261122T020000Z-2", State = OperationState.Unknown, Tables = null }]),
        new Welcome("1.0", TimeSpan.FromSeconds(5)),
        new StartBackup(Backup, RunId.Parse("20261122T020000Z"), new ShardId("1"), ["shop", "logs"],
            new DestinationSpec(DestinationKind.Disk, "c/shard-1/incremental/20261122T020000Z.a2/", "backups"),
            new DestinationSpec(DestinationKind.S3, "c/shard-1/full/20261121T020000Z/"), TimeSpan.FromMilliseconds(500), IncludeAccessEntities: true)
        {
            ClickHouseUnreachableTimeout = TimeSpan.FromSeconds(30),
        },
        new CancelOperation(Backup),
        new QueryOperations([Backup.Value, "20261122T020000Z-2"]) { Databases = ["shop"] },
        new CollectConfig(Backup),
        new ConfigFileContent(Backup, "config.d/macros.xml", "<clickhouse/>"u8.ToArray(), new string('a', 64)),
        new ConfigCollected(Backup, "/etc/clickhouse-server", [new ConfigFileEntry("config.xml", 120, new string('b', 64))],
            [new RefusedConfigEntry("passwd", "symbolic link to /etc/passwd leads outside /etc/clickhouse-server")], "partly unreadable"),
        new StartRestore(new OperationId("restore-20261122T030000Z-1-r1"), Restore, TimeSpan.FromMilliseconds(250)),
        new RestoreCompleted(Report with { OperationId = "restore-20261122T030000Z-1-r1", Tables = null }),
        new RestoreFailed(Report with { State = OperationState.Failed }, "Code: 599. (BACKUP_NOT_FOUND)"),
        new RenderRestore(Request, new OperationId("restore-20261122T030000Z-1-r1"), Restore),
        new RestoreRendered(Request, "RESTORE DATABASE `shop` AS `shop_copy` FROM S3('…') SETTINGS id = 'r' ASYNC", "and a warning"),
        new InspectTables(Request, ["shop", "logs"], Checksums: true) { Parts = true },
        new TablesInspected(Request, [Table, new TableFigures("shop", "v", "View", null, null, "engine View holds no data")], "one table failed"),
        new DropTables(Request, [new TableRef("shop", "orders")], ["scratch_1"]),
        new TablesDropped(Request, [new TableRef("shop", "orders")], ["scratch_1"], "dropping stopped at the first failure: Code: 60"),
        new ListDatabases(Request, "clickvault_verify_"),
        new DatabasesListed(Request, ["clickvault_verify_20261122T020000Z_1_shop"], "and then it failed"),
        new AgentEnvelope("1", "r1", new BackupCompleted(Report)),
        new HeartbeatAck(At),
        new HelloRequired("no session for main/1/r1: the tier restarted"),
        new AgentRefused("wrong agent token"),
    ];
}
