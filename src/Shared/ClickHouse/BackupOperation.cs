using System.Globalization;
using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>The status column of system.backups.</summary>
public enum BackupOperationStatus
{
    CreatingBackup,
    BackupCreated,
    BackupFailed,
    Restoring,
    Restored,
    RestoreFailed,
    BackupCancelled,
    RestoreCancelled,
}

/// <summary>One row of system.backups: a BACKUP or RESTORE that the server runs or ran since it started.</summary>
public sealed record BackupOperation(
    string Id,
    string Name,
    string BaseBackupName,
    string QueryId,
    BackupOperationStatus Status,
    string Error,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    ulong NumFiles,
    ulong TotalSize,
    ulong NumEntries,
    ulong UncompressedSize,
    ulong CompressedSize,
    ulong FilesRead,
    ulong BytesRead)
{
    public bool IsFinished => Status is not (BackupOperationStatus.CreatingBackup or BackupOperationStatus.Restoring);

    public bool Succeeded => Status is BackupOperationStatus.BackupCreated or BackupOperationStatus.Restored;

    /// <summary>The error without ClickHouse's stack trace: what an operator needs to read.</summary>
    public string ErrorSummary
    {
        get
        {
            var cut = Error.IndexOf(", Stack trace", StringComparison.Ordinal);
            return (cut < 0 ? Error : Error[..cut]).Trim();
        }
    }

    internal static BackupOperation From(SystemBackupsRow row) => new(
        row.Id, row.Name, row.BaseBackupName, row.QueryId, ParseStatus(row.Status), row.Error,
        ParseTime(row.StartTime) ?? DateTimeOffset.UnixEpoch, ParseTime(row.EndTime),
        row.NumFiles, row.TotalSize, row.NumEntries, row.UncompressedSize, row.CompressedSize, row.FilesRead, row.BytesRead);

    private static BackupOperationStatus ParseStatus(string status) => status switch
    {
        "CREATING_BACKUP" => BackupOperationStatus.CreatingBackup,
        "BACKUP_CREATED" => BackupOperationStatus.BackupCreated,
        "BACKUP_FAILED" => BackupOperationStatus.BackupFailed,
        "RESTORING" => BackupOperationStatus.Restoring,
        "RESTORED" => BackupOperationStatus.Restored,
        "RESTORE_FAILED" => BackupOperationStatus.RestoreFailed,
        "BACKUP_CANCELLED" => BackupOperationStatus.BackupCancelled,
        "RESTORE_CANCELLED" => BackupOperationStatus.RestoreCancelled,
        _ => throw new ClickHouseProtocolException($"system.backups has an unknown status '{status}'"),
    };

    // ClickHouse writes 1970-01-01 00:00:00 as end_time while an operation runs.
    private static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1970 ? t : null;
}

internal sealed record SystemBackupsRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("base_backup_name")] string BaseBackupName,
    [property: JsonPropertyName("query_id")] string QueryId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("start_time")] string StartTime,
    [property: JsonPropertyName("end_time")] string EndTime,
    [property: JsonPropertyName("num_files")] ulong NumFiles,
    [property: JsonPropertyName("total_size")] ulong TotalSize,
    [property: JsonPropertyName("num_entries")] ulong NumEntries,
    [property: JsonPropertyName("uncompressed_size")] ulong UncompressedSize,
    [property: JsonPropertyName("compressed_size")] ulong CompressedSize,
    [property: JsonPropertyName("files_read")] ulong FilesRead,
    [property: JsonPropertyName("bytes_read")] ulong BytesRead);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SystemBackupsRow))]
internal sealed partial class SystemBackupsJson : JsonSerializerContext;
