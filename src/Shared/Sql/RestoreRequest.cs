namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// What <see cref="BackupSqlBuilder.Restore"/> turns into <c>RESTORE ... FROM source SETTINGS id = ... [ASYNC]</c>.
/// At least one database or table is required; element order as in <see cref="BackupRequest"/>. Settings render
/// as <c>id</c>, <c>base_backup</c>, <c>allow_non_empty_tables</c>, <c>structure_only</c> (each when set), then
/// <see cref="Settings"/> in list order.
/// </summary>
public sealed record RestoreRequest
{
    /// <summary>The ClickHouse restore id (<c>SETTINGS id</c>); only <c>[A-Za-z0-9_.:-]</c>.</summary>
    public required string Id { get; init; }

    public required BackupDestination Source { get; init; }

    /// <summary>
    /// Where the source's base backup lives, when it moved since the backup was taken; null lets ClickHouse use the
    /// location recorded in the backup.
    /// </summary>
    public BackupDestination? BaseBackup { get; init; }

    public IReadOnlyList<DatabaseTarget> Databases { get; init; } = [];

    public IReadOnlyList<TableTarget> Tables { get; init; } = [];

    /// <summary><c>allow_non_empty_tables = true</c>: restore into tables that already hold rows (may duplicate data).</summary>
    public bool AllowNonEmptyTables { get; init; }

    /// <summary><c>structure_only = true</c>: create databases and tables without restoring their data.</summary>
    public bool StructureOnly { get; init; }

    public IReadOnlyList<SqlSetting> Settings { get; init; } = [];

    public bool Async { get; init; } = true;
}
