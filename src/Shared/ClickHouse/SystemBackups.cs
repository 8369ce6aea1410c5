namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>Reads BACKUP/RESTORE operations from one server's system.backups (in memory: empty after a restart).</summary>
public sealed class SystemBackups(IClickHouseClient client, TimeProvider time)
{
    private const string Columns =
        "id, name, base_backup_name, query_id, toString(status) AS status, error, toString(start_time) AS start_time, " +
        "toString(end_time) AS end_time, num_files, total_size, num_entries, uncompressed_size, compressed_size, files_read, bytes_read";

    public async Task<BackupOperation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await client.QueryAsync(
            new ClickHouseQuery($"SELECT {Columns} FROM system.backups WHERE id = {{id:String}} ORDER BY start_time DESC LIMIT 1")
            {
                Parameters = [QueryParameter.String("id", id)],
            },
            SystemBackupsJson.Default.SystemBackupsRow,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : BackupOperation.From(rows[0]);
    }

    /// <summary>
    /// The operation's last entry in system.backup_log (which survives a server restart, unlike system.backups);
    /// null when the log has no entry for the id. Throws when the log cannot be read (e.g. it is not enabled).
    /// </summary>
    public async Task<BackupOperation?> FindInLogAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await client.QueryAsync(
            new ClickHouseQuery($"SELECT {Columns} FROM system.backup_log WHERE id = {{id:String}} ORDER BY event_time_microseconds DESC LIMIT 1")
            {
                Parameters = [QueryParameter.String("id", id)],
            },
            SystemBackupsJson.Default.SystemBackupsRow,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : BackupOperation.From(rows[0]);
    }

    /// <summary>
    /// Polls the operation every <paramref name="interval"/> until it finishes, reporting each observation.
    /// Throws <see cref="BackupOperationNotFoundException"/> when the server does not know the id.
    /// </summary>
    public async Task<BackupOperation> WaitAsync(string id, TimeSpan interval, IProgress<BackupOperation>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var operation = await FindAsync(id, cancellationToken).ConfigureAwait(false)
                            ?? throw new BackupOperationNotFoundException(id);
            progress?.Report(operation);
            if (operation.IsFinished)
            {
                return operation;
            }
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>system.backups has no operation with this id (never started here, or the server restarted since).</summary>
public sealed class BackupOperationNotFoundException(string id)
    : ClickHouseException($"no backup or restore operation with id '{id}' in system.backups")
{
    public string Id { get; } = id;
}
