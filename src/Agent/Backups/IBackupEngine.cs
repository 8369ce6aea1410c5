using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>
/// The local ClickHouse as the agent uses it for backups and restores: start one <c>BACKUP|RESTORE ... ASYNC</c> under a fixed id, find an
/// operation by id, cancel it. Idempotency is not the engine's job: starting a known id is refused, as ClickHouse does.
/// </summary>
public interface IBackupEngine
{
    /// <summary>Issues the backup and returns once the server accepted it (it then runs in the background).</summary>
    /// <exception cref="BackupRefusedException">The agent or ClickHouse refused the statement; the message is the reason.</exception>
    /// <exception cref="Shared.ClickHouse.ClickHouseException">The server could not be reached: the backup may or may not run.</exception>
    Task StartAsync(BackupCommand command, CancellationToken cancellationToken);

    /// <summary>Issues <c>RESTORE ... ASYNC</c> under the command's fixed id; the same contract as <see cref="StartAsync"/>.</summary>
    /// <exception cref="BackupRefusedException">The agent or ClickHouse refused the statement; the message is the reason.</exception>
    /// <exception cref="Shared.ClickHouse.ClickHouseException">The server could not be reached: the restore may or may not run.</exception>
    Task StartRestoreAsync(Restores.RestoreCommand command, CancellationToken cancellationToken);

    /// <summary>The operation as the server knows it; <see cref="OperationState.Unknown"/> when it has no record of the id.</summary>
    Task<OperationReport> FindAsync(OperationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Where the operation the server knows as <paramref name="id"/> reads or writes, as ClickHouse names it (secrets masked), when
    /// that is not <paramref name="location"/>: the id was used for another backup (e.g. by another coordinator, or another storage
    /// prefix, in the same second). Null when the operation is at <paramref name="location"/>, or the id is unknown.
    /// </summary>
    Task<string?> FindElsewhereAsync(OperationId id, DestinationSpec location, CancellationToken cancellationToken);

    /// <summary>Asks the server to cancel a running operation; false when the id is unknown or already finished.</summary>
    Task<bool> CancelAsync(OperationId id, CancellationToken cancellationToken);
}

/// <summary>One backup to run: what the coordinator's <see cref="StartBackup"/> asks for, credentials not included.</summary>
public sealed record BackupCommand(
    OperationId Id, IReadOnlyList<string> Databases, DestinationSpec Destination, DestinationSpec? BaseBackup, bool IncludeAccessEntities = false)
{
    public static BackupCommand From(StartBackup message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.OperationId, message.Databases, message.Destination, message.BaseBackup, message.IncludeAccessEntities);
    }
}

/// <summary>The backup was not started: the request cannot become a statement, or ClickHouse refused it (its text, redacted).</summary>
public sealed class BackupRefusedException(OperationId id, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public OperationId OperationId { get; } = id;
}
