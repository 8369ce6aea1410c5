using System.Globalization;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// Where a backup is written to (<c>TO</c>), restored from (<c>FROM</c>) or chained on (<c>base_backup = </c>).
/// Closed hierarchy: <see cref="S3BackupDestination"/>, <see cref="S3NamedCollectionDestination"/>,
/// <see cref="DiskBackupDestination"/>. <see cref="ToString"/> is the redacted SQL: secrets never appear in it.
/// </summary>
public abstract record BackupDestination
{
    private protected BackupDestination()
    {
    }

    /// <summary>The destination expression with every credential in clear, for execution only.</summary>
    public string ToSql() => Render(redacted: false);

    /// <summary>The destination expression with credentials replaced by <c>'[HIDDEN]'</c>, for logs and messages.</summary>
    public string ToRedactedSql() => Render(redacted: true);

    public sealed override string ToString() => ToRedactedSql();

    internal abstract string Render(bool redacted);

    /// <summary>
    /// Whether <paramref name="systemBackupsName"/>, ClickHouse's own rendering of a backup in the <c>name</c> column of
    /// <c>system.backups</c> (secret hidden), designates this place: same engine and same location (URL; disk and path;
    /// collection and path). Credentials are not compared.
    /// </summary>
    public bool IsNamedBy(string systemBackupsName)
    {
        ArgumentNullException.ThrowIfNull(systemBackupsName);
        return LocationPrefixes().Any(prefix => systemBackupsName.StartsWith(prefix, StringComparison.Ordinal)
            && (systemBackupsName.Length == prefix.Length || systemBackupsName[prefix.Length] is ',' or ')' or ' '));
    }

    /// <summary>How the location's part of the destination expression can start (engine, open parenthesis, location arguments).</summary>
    private protected abstract IEnumerable<string> LocationPrefixes();

    /// <summary>Rejects null, empty and control characters; the value itself is echoed only when not secret.</summary>
    private protected static string RequireText(string value, string argumentName, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(value, argumentName);
        var shown = secret ? "The value" : $"The value {DisplayText.Quote(value)}";
        if (value.Length == 0)
        {
            throw new InvalidBackupRequestException($"{argumentName} is empty.", argumentName);
        }

        var control = value.AsSpan().IndexOfAnyInRange('\0', '\x1F');
        control = control >= 0 ? control : value.IndexOf('\x7F', StringComparison.Ordinal);
        return control < 0
            ? value
            : throw new InvalidBackupRequestException(string.Create(CultureInfo.InvariantCulture,
                $"{shown} of {argumentName} contains the control character U+{(int)value[control]:X4} at index {control}."), argumentName);
    }
}
