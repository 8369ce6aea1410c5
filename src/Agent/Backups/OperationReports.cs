using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>How system.backups rows, refusals and unknown ids become <see cref="OperationReport"/>s.</summary>
public static class OperationReports
{
    /// <summary>The server has no record of the id.</summary>
    public static OperationReport Unknown(string id, string error = "") =>
        new(id, OperationState.Unknown, error, string.Empty, 0, 0, 0, 0, 0, 0, 0, null, null);

    /// <summary>The backup never started: the agent or the server refused it.</summary>
    public static OperationReport Refused(OperationId id, string error) =>
        Unknown(id.Value, error) with { State = OperationState.Failed };

    public static OperationReport From(BackupOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new OperationReport(
            operation.Id, StateOf(operation.Status), operation.ErrorSummary, operation.QueryId,
            operation.NumFiles, operation.NumEntries, operation.TotalSize, operation.UncompressedSize, operation.CompressedSize,
            operation.FilesRead, operation.BytesRead,
            operation.StartTime == DateTimeOffset.UnixEpoch ? null : operation.StartTime, operation.EndTime);
    }

    public static OperationState StateOf(BackupOperationStatus status) => status switch
    {
        BackupOperationStatus.CreatingBackup or BackupOperationStatus.Restoring => OperationState.Running,
        BackupOperationStatus.BackupCreated or BackupOperationStatus.Restored => OperationState.Succeeded,
        BackupOperationStatus.BackupFailed or BackupOperationStatus.RestoreFailed => OperationState.Failed,
        BackupOperationStatus.BackupCancelled or BackupOperationStatus.RestoreCancelled => OperationState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown backup status"),
    };

    /// <summary>
    /// The message announcing a report: progress while running, else the one final message (restore ids, see
    /// <see cref="RestoreId.IsRestoreOperation"/>, end with restore messages).
    /// </summary>
    public static ProtocolMessage Message(OperationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var error = report.Error.Length > 0 ? report.Error : $"operation {report.OperationId} ended as {report.State}";
        var restore = RestoreId.IsRestoreOperation(report.OperationId);
        return report.State switch
        {
            OperationState.Running => new OperationProgress(report),
            OperationState.Succeeded when restore => new RestoreCompleted(report),
            OperationState.Succeeded => new BackupCompleted(report),
            _ when restore => new RestoreFailed(report, error),
            _ => new BackupFailed(report, error),
        };
    }

    /// <summary>ClickHouse's error text without its stack trace.</summary>
    public static string Summary(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var cut = error.IndexOf(", Stack trace", StringComparison.Ordinal);
        return (cut < 0 ? error : error[..cut]).Trim();
    }
}
