using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>What an agent learned from its local ClickHouse: macros, cluster, version, host.</summary>
public sealed record AgentIdentity(
    string Cluster,
    string Shard,
    string Replica,
    string Host,
    string ClickHouseVersion,
    IReadOnlyDictionary<string, string> Macros,
    string AgentVersion)
{
    /// <summary>The cluster as this server's system.clusters lists it: lets the coordinator name shards that have no agent.</summary>
    public IReadOnlyList<TopologyReplica> Topology { get; init => field = value ?? []; } = [];
}

/// <summary>One row of system.clusters for the agent's cluster; <see cref="IsLocal"/> marks the agent's own server.</summary>
public sealed record TopologyReplica(int ShardNum, int ReplicaNum, string Host, int Port, bool IsLocal);

/// <summary>An operation as the agent last saw it in system.backups (or system.backup_log).</summary>
public sealed record OperationReport(
    string OperationId,
    OperationState State,
    string Error,
    string QueryId,
    ulong NumFiles,
    ulong NumEntries,
    ulong TotalSize,
    ulong UncompressedSize,
    ulong CompressedSize,
    ulong FilesRead,
    ulong BytesRead,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>
    /// A created backup's tables as the agent read them from the server's metadata, on every report of it (completion,
    /// status answer, hello), so a backup adopted after a restart carries the same evidence. Null for restores, running
    /// backups, and agents that could not read them.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BackupTableFigures>? Tables { get; init; }

    public bool IsFinished => State is not OperationState.Running;

    /// <summary>
    /// The agent gave the operation up because its server is gone: unreachable past the timeout, or back without a record
    /// of it (system.backups is in memory). Such a failure says nothing about the backup itself, so it may be retried elsewhere.
    /// Absent (false) from older agents.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ServerLost { get; init; }
}

/// <summary>The lifecycle of one operation as the protocol carries it.</summary>
public enum OperationState
{
    /// <summary>CREATING_BACKUP or RESTORING.</summary>
    Running,

    /// <summary>BACKUP_CREATED or RESTORED.</summary>
    Succeeded,

    /// <summary>BACKUP_FAILED or RESTORE_FAILED, or the statement was refused before it started.</summary>
    Failed,

    /// <summary>BACKUP_CANCELLED or RESTORE_CANCELLED.</summary>
    Cancelled,

    /// <summary>The server has no record of the id (restarted since, or never started).</summary>
    Unknown,
}

/// <summary>Where a backup goes, as the coordinator tells it; the agent turns it into SQL with its own credentials.</summary>
public sealed record DestinationSpec(DestinationKind Kind, string Key, string? Disk = null);

public enum DestinationKind
{
    /// <summary><c>Disk('disk', 'key relative to the disk root')</c>: an s3_plain disk configured on the server.</summary>
    Disk,

    /// <summary><c>S3('{endpoint}/{bucket}/{key}', ...)</c> with the agent's own S3 credentials.</summary>
    S3,
}
