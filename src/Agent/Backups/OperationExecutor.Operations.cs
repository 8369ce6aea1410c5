using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>Restores, the backed-up tables' evidence, and the message announcing an operation.</summary>
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
    private static ProtocolMessage Message(Tracked tracked) => OperationReports.Message(WithEvidence(tracked, tracked.Last));

    /// <summary>A created backup's report carries its tables' figures, whichever message reports it.</summary>
    private static OperationReport WithEvidence(Tracked? tracked, OperationReport report) =>
        report.State == OperationState.Succeeded && tracked?.Tables is { } tables ? report with { Tables = tables } : report;

    /// <summary>
    /// A backup's evidence: the tables' figures already read for it, else read now from the server's metadata (never table
    /// data); null for a restore. A reading that fails leaves the figures null, to be read again when the backup is created.
    /// </summary>
    private async Task<BackupWatch?> EvidenceAsync(Starting start, Tracked? existing, CancellationToken cancellationToken)
    {
        if (start.Verb != "backup")
        {
            return null;
        }

        return new BackupWatch(start.Databases,
            existing?.Tables ?? await ReadEvidenceAsync(start.Id, start.Databases, cancellationToken).ConfigureAwait(false), start.UnreachableTimeout);
    }

    /// <summary>The tables of the databases a backup covers, from metadata; null when they cannot be read (the backup runs anyway).</summary>
    private async Task<IReadOnlyList<BackupTableFigures>?> ReadEvidenceAsync(OperationId id, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        if (_tables is null)
        {
            return null;
        }

        try
        {
            return BackupTableFigures.FromSnapshot(await _tables.SnapshotAsync(databases, integrity: false, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is ClickHouseException or ArgumentException)
        {
            Log.MeasureFailed(_logger, id.Value, e.Message);
            return null;
        }
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
        OperationId Id, string Verb, TimeSpan PollInterval, IReadOnlyList<string> Databases, DestinationSpec Location, Func<CancellationToken, Task> Start,
        TimeSpan? UnreachableTimeout = null);

    /// <summary>
    /// What watching a backup needs beyond its report: the databases its evidence is read from, the figures read so far, and
    /// the coordinator's unreachable timeout (null: older coordinators, and backups adopted without their start command).
    /// </summary>
    private sealed record BackupWatch(IReadOnlyList<string> Databases, IReadOnlyList<BackupTableFigures>? Tables, TimeSpan? UnreachableTimeout);

    private sealed class Tracked
    {
        public OperationReport Last { get; set; } = null!;

        /// <summary>The server accepted or reported this id at least once (a refusal alone does not count).</summary>
        public bool Observed { get; set; }

        /// <summary>The server's operation under this id is someone else's (another place): never reported or cancelled as this one.</summary>
        public bool Foreign { get; set; }

        public Task? Watcher { get; set; }

        /// <summary>A backup's databases (null for a restore): what its evidence is read from.</summary>
        public IReadOnlyList<string>? Databases { get; set; }

        /// <summary>A backup's tables read from the server's metadata once it started (null: not read yet, or unreadable).</summary>
        public IReadOnlyList<BackupTableFigures>? Tables { get; set; }

        /// <summary>How long the watch waits for a server that does not answer (null: <see cref="WatchDecisions.DefaultUnreachableTimeout"/>).</summary>
        public TimeSpan? UnreachableTimeout { get; set; }
    }
}
