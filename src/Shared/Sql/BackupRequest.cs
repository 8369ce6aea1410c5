namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// What <see cref="BackupSqlBuilder.Backup"/> turns into <c>BACKUP ... TO destination SETTINGS id = ... [ASYNC]</c>.
/// At least one database or table is required. Elements render as: databases, then tables, then the database with
/// <see cref="DatabaseTarget.ExceptTables"/> if any; each group in list order.
/// </summary>
public sealed record BackupRequest
{
    /// <summary>The ClickHouse backup id (<c>SETTINGS id</c>), e.g. <c>20260101T000000Z-1</c>; only <c>[A-Za-z0-9_.:-]</c>.</summary>
    public required string Id { get; init; }

    public required BackupDestination Destination { get; init; }

    /// <summary>The backup this one is incremental on (<c>SETTINGS base_backup</c>); null for a full backup.</summary>
    public BackupDestination? BaseBackup { get; init; }

    public IReadOnlyList<DatabaseTarget> Databases { get; init; } = [];

    public IReadOnlyList<TableTarget> Tables { get; init; } = [];

    /// <summary>Further settings, rendered after <c>id</c> and <c>base_backup</c> in list order.</summary>
    public IReadOnlyList<SqlSetting> Settings { get; init; } = [];

    /// <summary>Append <c>ASYNC</c>: the statement returns at once and progress is read from <c>system.backups</c>.</summary>
    public bool Async { get; init; } = true;
}
