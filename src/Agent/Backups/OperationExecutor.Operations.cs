using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>Restores, the backed-up tables' figures, and the message announcing an operation.</summary>
public sealed partial class OperationExecutor
{
    /// <summary>Reports a known id, or starts the restore; then watches it until it ends (idempotent like backups).</summary>
    public Task StartRestoreAsync(StartRestore message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return StartAsync(new Starting(message.OperationId, "restore", message.PollInterval, message.Restore.Databases, message.Restore.Source,
            ct => _engine.StartRestoreAsync(RestoreCommand.From(message), ct)), cancellationToken);
    }

    /// <summary>The message announcing an operation's last report: progress while running, else its one final message.</summary>
    private static ProtocolMessage Message(Tracked tracked) =>
        OperationReports.Message(tracked.Last) is BackupCompleted completed && tracked.Tables is { } tables
            ? completed with { Tables = tables }
            : OperationReports.Message(tracked.Last);

    /// <summary>The tables of the databases a backup covers; null when they cannot be measured (the backup runs anyway).</summary>
    private async Task<IReadOnlyList<TableFigures>?> MeasureAsync(OperationId id, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        if (_tables is null)
        {
            return null;
        }

        try
        {
            return await _tables.InspectAsync(databases, checksums: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClickHouseException or ArgumentException)
        {
            Log.MeasureFailed(_logger, id.Value, e.Message);
            return null;
        }
    }

    /// <summary>The figures before the backup against those right after it was created.</summary>
    private async Task<IReadOnlyList<BackupTableFigures>?> CompareAsync(OperationId id, IReadOnlyList<TableFigures> before, CancellationToken cancellationToken)
    {
        var databases = before.Select(t => t.Database).Distinct(StringComparer.Ordinal).ToList();
        return await MeasureAsync(id, databases, cancellationToken).ConfigureAwait(false) is { } after
            ? BackupTableFigures.Combine(before, after)
            : null;
    }

    /// <summary>Where a known operation with the same id lives, when not at the start's location (null: here, or cannot tell).</summary>
    private async Task<string?> ElsewhereAsync(Starting start, CancellationToken cancellationToken)
    {
        try
        {
            return await _engine.FindElsewhereAsync(start.Id, start.Location, cancellationToken).ConfigureAwait(false);
        }
        catch (ClickHouseException e)
        {
            Log.FindFailed(_logger, start.Id.Value, e.Message);
            return null;
        }
    }

    /// <summary>
    /// An operation to start: its id, what it is (backup, restore), where it writes or reads (<see cref="Location"/>) and the
    /// statement that starts it on the server.
    /// </summary>
    private sealed record Starting(
        OperationId Id, string Verb, TimeSpan PollInterval, IReadOnlyList<string> Databases, DestinationSpec Location, Func<CancellationToken, Task> Start);

    private sealed class Tracked
    {
        public OperationReport Last { get; set; } = null!;

        /// <summary>The server accepted or reported this id at least once (a refusal alone does not count).</summary>
        public bool Observed { get; set; }

        /// <summary>The server's operation under this id is someone else's (another place): never reported or cancelled as this one.</summary>
        public bool Foreign { get; set; }

        public Task? Watcher { get; set; }

        /// <summary>A backup's tables measured right before it started (null: not measured, e.g. adopted after a restart).</summary>
        public IReadOnlyList<TableFigures>? Before { get; set; }

        /// <summary>A created backup's tables, before and after.</summary>
        public IReadOnlyList<BackupTableFigures>? Tables { get; set; }
    }
}
