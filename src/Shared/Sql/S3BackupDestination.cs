namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// <c>S3('url', 'access_key_id', 'secret_access_key')</c>. The redacted form hides both the key id and the secret: a
/// credential never reaches a log, an error or an operator's screen (ClickHouse's own masking in <c>system.backups</c>
/// hides only the secret; <see cref="BackupDestination.IsElsewhere"/> compares locations only, so both forms match).
/// </summary>
public sealed record S3BackupDestination : BackupDestination
{
    /// <param name="url">Absolute http, https or s3 URL of the backup's folder; must not carry user info.</param>
    /// <exception cref="InvalidBackupRequestException">A value is empty, holds control characters, or the URL is unusable.</exception>
    public S3BackupDestination(Uri url, string accessKeyId, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https" or "s3"))
        {
            throw new InvalidBackupRequestException(
                $"The S3 URL {DisplayText.Quote(url.OriginalString)} must be an absolute http, https or s3 URL.", nameof(url));
        }

        if (url.UserInfo.Length > 0)
        {
            throw new InvalidBackupRequestException(
                "The S3 URL must not carry user info; pass the credentials as accessKeyId and secretAccessKey.", nameof(url));
        }

        Url = url;
        AccessKeyId = RequireText(accessKeyId, nameof(accessKeyId));
        SecretAccessKey = RequireText(secretAccessKey, nameof(secretAccessKey), secret: true);
    }

    public Uri Url { get; }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    internal override string Render(bool redacted) =>
        redacted
            ? $"S3({SqlLiteral.Quote(Url.AbsoluteUri)}, {SecretSettingValue.Hidden}, {SecretSettingValue.Hidden})"
            : $"S3({SqlLiteral.Quote(Url.AbsoluteUri)}, {SqlLiteral.Quote(AccessKeyId)}, {SqlLiteral.Quote(SecretAccessKey)})";

    private protected override (string Engine, IReadOnlyList<string> Location) Location => ("S3", [Url.AbsoluteUri]);
}
