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
    /// Whether <paramref name="systemBackupsName"/>, ClickHouse's rendering of a backup in the <c>name</c> column of
    /// <c>system.backups</c>, clearly designates another place: another engine, or another location (URL; disk and path;
    /// collection and path; a trailing '/' does not count). Credentials are not compared. A name of an unexpected shape
    /// is not called another place: this guards against adopting someone else's operation, and must never turn a
    /// correct adoption (a resumed run) into a refusal.
    /// </summary>
    public bool IsElsewhere(string systemBackupsName)
    {
        if (SystemBackupName.TryParse(systemBackupsName) is not { } name)
        {
            return false;
        }

        var (engine, location) = Location;
        if (!string.Equals(name.Engine, engine, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.Arguments.Count >= location.Count
            && location.Where((part, i) => !string.Equals(part.TrimEnd('/'), name.Arguments[i].TrimEnd('/'), StringComparison.Ordinal)).Any();
    }

    /// <summary>The engine and the arguments that locate the backup (first ones of the expression), unquoted.</summary>
    private protected abstract (string Engine, IReadOnlyList<string> Location) Location { get; }

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
