namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// How the agent turns a coordinator's <c>DestinationSpec</c> into SQL (config section <c>destination</c>): the server disk
/// for Disk destinations, and the agent's own S3 endpoint, bucket and credentials for S3 destinations
/// (<c>S3('{s3_endpoint}/{s3_bucket}/{key}', access, secret)</c>). <see cref="ToString"/> never shows the keys.
/// </summary>
public sealed record DestinationOptions
{
    public const string Section = "destination";

    /// <summary><c>destination.disk</c>: the server disk (listed in backups.allowed_disk) used when a spec names none.</summary>
    public string Disk { get; init; } = "backups";

    /// <summary><c>destination.s3_endpoint</c>: absolute http(s) URL of the S3 service.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary><c>destination.s3_bucket</c>.</summary>
    public string? S3Bucket { get; init; }

    /// <summary><c>destination.s3_access_key</c> (or <c>CLICKVAULT_S3_ACCESS_KEY</c>).</summary>
    public string? S3AccessKey { get; init; }

    /// <summary><c>destination.s3_secret_key</c> (or <c>CLICKVAULT_S3_SECRET_KEY</c>).</summary>
    public string? S3SecretKey { get; init; }

    /// <summary>True when every S3 key is set, so S3 destinations can be written.</summary>
    public bool HasS3 =>
        S3Endpoint is not null && !string.IsNullOrEmpty(S3Bucket) && !string.IsNullOrEmpty(S3AccessKey) && !string.IsNullOrEmpty(S3SecretKey);

    public override string ToString() =>
        $"DestinationOptions {{ Disk = {Disk}, S3Endpoint = {S3Endpoint?.ToString() ?? "(unset)"}, S3Bucket = {S3Bucket ?? "(unset)"}, " +
        $"S3AccessKey = {Hidden(S3AccessKey)}, S3SecretKey = {Hidden(S3SecretKey)} }}";

    internal static OptionsRead<DestinationOptions> Read(SectionReader section)
    {
        var options = new DestinationOptions
        {
            Disk = section.String("disk") ?? new DestinationOptions().Disk,
            S3Endpoint = section.Url("s3_endpoint"),
            S3Bucket = section.String("s3_bucket"),
            S3AccessKey = section.String("s3_access_key"),
            S3SecretKey = section.String("s3_secret_key"),
        };
        return section.Finish(options);
    }

    private static string Hidden(string? secret) => string.IsNullOrEmpty(secret) ? "(unset)" : "[HIDDEN]";
}
