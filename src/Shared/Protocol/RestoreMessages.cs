using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// What one RESTORE statement restores: from <see cref="Source"/> (incremental backups are restored from the incremental
/// alone: ClickHouse follows its base_backup itself), every table of <see cref="Databases"/>, the <see cref="Tables"/>,
/// and <see cref="ExceptTables"/> of the one database restored without them. <see cref="AsDatabase"/> renames the
/// (single) source database: <c>DATABASE db AS new</c>, <c>TABLE db.t AS new.t</c>. <see cref="AccessEntities"/>, when set,
/// also restores the backup's users, roles, settings profiles, row policies and quotas, creating existing ones as it says.
/// </summary>
public sealed record RestoreSpec(
    DestinationSpec Source,
    IReadOnlyList<string> Databases,
    IReadOnlyList<TableRef> Tables,
    IReadOnlyList<TableRef> ExceptTables,
    string? AsDatabase,
    AccessCreationMode? AccessEntities = null);

/// <summary>A coordinator request to an agent; the agent answers once with an <see cref="IAgentReply"/> of the same id.</summary>
public interface IAgentRequest
{
    RequestId RequestId { get; }
}

/// <summary>An agent's answer to one <see cref="IAgentRequest"/>; <see cref="Error"/> is set when the request could not be done.</summary>
public interface IAgentReply
{
    RequestId RequestId { get; }

    string? Error { get; }
}

/// <summary>
/// Coordinator → agent: run <c>RESTORE ... ASYNC</c> with this fixed id (idempotent like <see cref="StartBackup"/>: a known id
/// is reported, never started again). Progress comes as <see cref="OperationProgress"/>, the end as <see cref="RestoreCompleted"/>
/// or <see cref="RestoreFailed"/>.
/// </summary>
public sealed record StartRestore(
    [property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId,
    RestoreSpec Restore,
    TimeSpan PollInterval) : ProtocolMessage;

/// <summary>Agent → coordinator: RESTORED, with final figures (files_read, bytes_read).</summary>
public sealed record RestoreCompleted(OperationReport Report) : ProtocolMessage;

/// <summary>Agent → coordinator: the restore failed, was cancelled or was refused; <see cref="Error"/> is ClickHouse's text.</summary>
public sealed record RestoreFailed(OperationReport Report, string Error) : ProtocolMessage;

/// <summary>Coordinator → agent: the RESTORE statement this agent would run for <paramref name="OperationId"/> (nothing runs). Reply: <see cref="RestoreRendered"/>.</summary>
public sealed record RenderRestore(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    [property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId,
    RestoreSpec Restore) : ProtocolMessage, IAgentRequest;

/// <summary>Agent → coordinator: the statement with every credential masked, or why the agent would refuse it.</summary>
public sealed record RestoreRendered(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    string? Sql,
    string? Error) : ProtocolMessage, IAgentReply;

/// <summary>
/// Coordinator → agent: every table of <see cref="Databases"/> with engine and row count (<c>system.tables</c>, a count
/// where it has none); with <see cref="Checksums"/> also counted and summed table by table (reads all data). With
/// <see cref="Parts"/> the tables come from metadata instead (<c>system.parts</c>, outdated parts included) and each gets
/// <c>CHECK TABLE</c>, which reads its files: asked only of scratch copies a verification restored. Reply: <see cref="TablesInspected"/>.
/// </summary>
public sealed record InspectTables(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    IReadOnlyList<string> Databases,
    bool Checksums) : ProtocolMessage, IAgentRequest
{
    public bool Parts { get; init; }
}

/// <summary>Agent → coordinator: the tables found (a database that does not exist has none).</summary>
public sealed record TablesInspected(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    IReadOnlyList<TableFigures> Tables,
    string? Error) : ProtocolMessage, IAgentReply;

/// <summary>
/// Coordinator → agent: <c>DROP TABLE IF EXISTS</c> each of <see cref="Tables"/>, then <c>DROP DATABASE IF EXISTS</c> each of
/// <see cref="Databases"/> (neither SYNC: the embedded engine hangs on SYNC after an async backup, BRIEF 5). Reply: <see cref="TablesDropped"/>.
/// </summary>
public sealed record DropTables(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    IReadOnlyList<TableRef> Tables,
    IReadOnlyList<string> Databases) : ProtocolMessage, IAgentRequest;

/// <summary>Agent → coordinator: what was dropped before the first failure (<see cref="Error"/>), or everything asked.</summary>
public sealed record TablesDropped(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    IReadOnlyList<TableRef> Tables,
    IReadOnlyList<string> Databases,
    string? Error) : ProtocolMessage, IAgentReply;

/// <summary>Coordinator → agent: the databases whose name starts with <see cref="Prefix"/> (e.g. leftover scratch databases). Reply: <see cref="DatabasesListed"/>.</summary>
public sealed record ListDatabases(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    string Prefix) : ProtocolMessage, IAgentRequest;

/// <summary>Agent → coordinator: the databases found, ordered by name, or why they could not be listed (<see cref="Error"/>).</summary>
public sealed record DatabasesListed(
    [property: JsonConverter(typeof(RequestIdJsonConverter))] RequestId RequestId,
    IReadOnlyList<string> Databases,
    string? Error) : ProtocolMessage, IAgentReply;
