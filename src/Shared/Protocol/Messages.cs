using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// Everything that crosses between agent and coordinator tier (Akka.Remote, <see cref="ProtocolSerializer"/>). Immutable;
/// the "type" discriminator names each message, and with a version suffix is its manifest on the wire.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AgentHello), "agent.hello")]
[JsonDerivedType(typeof(AgentHeartbeat), "agent.heartbeat")]
[JsonDerivedType(typeof(OperationProgress), "operation.progress")]
[JsonDerivedType(typeof(BackupCompleted), "backup.completed")]
[JsonDerivedType(typeof(BackupFailed), "backup.failed")]
[JsonDerivedType(typeof(OperationStatus), "operation.status")]
[JsonDerivedType(typeof(Welcome), "coordinator.welcome")]
[JsonDerivedType(typeof(StartBackup), "backup.start")]
[JsonDerivedType(typeof(CancelOperation), "operation.cancel")]
[JsonDerivedType(typeof(QueryOperations), "operation.query")]
[JsonDerivedType(typeof(CollectConfig), "config.collect")]
[JsonDerivedType(typeof(ConfigFileContent), "config.file")]
[JsonDerivedType(typeof(ConfigCollected), "config.collected")]
[JsonDerivedType(typeof(StartRestore), "restore.start")]
[JsonDerivedType(typeof(RestoreCompleted), "restore.completed")]
[JsonDerivedType(typeof(RestoreFailed), "restore.failed")]
[JsonDerivedType(typeof(RenderRestore), "restore.render")]
[JsonDerivedType(typeof(RestoreRendered), "restore.rendered")]
[JsonDerivedType(typeof(InspectTables), "tables.inspect")]
[JsonDerivedType(typeof(TablesInspected), "tables.inspected")]
[JsonDerivedType(typeof(DropTables), "tables.drop")]
[JsonDerivedType(typeof(TablesDropped), "tables.dropped")]
[JsonDerivedType(typeof(ListDatabases), "databases.list")]
[JsonDerivedType(typeof(DatabasesListed), "databases.listed")]
[JsonDerivedType(typeof(AgentEnvelope), "agent.envelope")]
[JsonDerivedType(typeof(HeartbeatAck), "coordinator.heartbeat_ack")]
[JsonDerivedType(typeof(HelloRequired), "coordinator.hello_required")]
[JsonDerivedType(typeof(AgentRefused), "coordinator.refused")]
public abstract record ProtocolMessage;

/// <summary>
/// Agent → coordinator: identity on (re)connect, with the state of every operation it runs or ran, and the agent token
/// (checked in constant time). <see cref="ToString"/> never shows the token: Akka logs undelivered messages with it.
/// </summary>
public sealed record AgentHello(AgentIdentity Identity, IReadOnlyList<OperationReport> Operations) : ProtocolMessage
{
    public string Token { get; init => field = value ?? string.Empty; } = string.Empty;

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Identity = ").Append(Identity).Append(", Operations = ").Append(Operations.Count)
            .Append(", Token = ").Append(Token.Length == 0 ? "(empty)" : "[HIDDEN]");
        return true;
    }
}

/// <summary>Agent → coordinator: liveness, and whether the local ClickHouse answers.</summary>
public sealed record AgentHeartbeat(DateTimeOffset SentAt, bool ClickHouseReachable, string? ClickHouseError) : ProtocolMessage;

/// <summary>Agent → coordinator: a running operation's latest figures from system.backups.</summary>
public sealed record OperationProgress(OperationReport Report) : ProtocolMessage;

/// <summary>
/// Agent → coordinator: BACKUP_CREATED, with final figures; the backed-up tables' figures travel in the report
/// (<see cref="OperationReport.Tables"/>). <see cref="Tables"/> is what agents before that sent: read, never written.
/// </summary>
public sealed record BackupCompleted(OperationReport Report) : ProtocolMessage
{
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }
}

/// <summary>Agent → coordinator: the backup failed or was cancelled; <see cref="Error"/> is ClickHouse's error text.</summary>
public sealed record BackupFailed(OperationReport Report, string Error) : ProtocolMessage;

/// <summary>Agent → coordinator: answer to <see cref="QueryOperations"/>, one report per asked id.</summary>
public sealed record OperationStatus(IReadOnlyList<OperationReport> Reports) : ProtocolMessage;

/// <summary>Coordinator → agent: accepted; heartbeat at this interval.</summary>
public sealed record Welcome(string CoordinatorVersion, TimeSpan HeartbeatInterval) : ProtocolMessage;

/// <summary>
/// Coordinator → agent: run <c>BACKUP ... ASYNC</c> with this fixed id (idempotent: a known id is reported, not restarted).
/// <see cref="IncludeAccessEntities"/> adds the SQL-managed users, roles, settings profiles, row policies and quotas;
/// <see cref="ClickHouseUnreachableTimeout"/> (optional, absent from older coordinators) is how long the agent keeps polling
/// a local ClickHouse that does not answer before it reports the backup failed.
/// </summary>
public sealed record StartBackup(
    [property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId,
    [property: JsonConverter(typeof(RunIdJsonConverter))] RunId RunId,
    [property: JsonConverter(typeof(ShardIdJsonConverter))] ShardId Shard,
    IReadOnlyList<string> Databases,
    DestinationSpec Destination,
    DestinationSpec? BaseBackup,
    TimeSpan PollInterval,
    bool IncludeAccessEntities = false) : ProtocolMessage
{
    public TimeSpan? ClickHouseUnreachableTimeout { get; init; }
}

/// <summary>Coordinator → agent: cancel an operation (KILL QUERY on its query id).</summary>
public sealed record CancelOperation([property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId) : ProtocolMessage;

/// <summary>
/// Coordinator → agent: report these operations (system.backups, then system.backup_log). <see cref="Databases"/> are the
/// databases the asked backups cover (one run's backups share them): an agent that restarted since it started one watches
/// it again and reads its evidence from them. Null from older coordinators, and for restores.
/// </summary>
public sealed record QueryOperations(IReadOnlyList<string> OperationIds) : ProtocolMessage
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Databases { get; init; }
}
