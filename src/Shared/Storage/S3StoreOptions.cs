using System.Text;
using ClickVault.Cluster.Shared.Retries;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>Where the bucket lives and how to reach it. Bound from configuration (section <c>s3</c> by default).</summary>
public sealed record S3StoreOptions
{
    public const string DefaultSection = "s3";

    /// <summary>Absolute http(s) URL of an S3-compatible server; empty means AWS S3 in <see cref="Region"/>.</summary>
    public string? Endpoint { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string Bucket { get; init; } = "";

    /// <summary>Empty (together with <see cref="SecretKey"/>) means the AWS SDK's default credential chain.</summary>
    [ConfigurationKeyName("access_key")]
    public string? AccessKey { get; init; }

    [ConfigurationKeyName("secret_key")]
    public string? SecretKey { get; init; }

    [ConfigurationKeyName("force_path_style")]
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>Attempts per request of the retrying decorator registered by <c>AddObjectStore</c>, first one included.</summary>
    [ConfigurationKeyName("max_attempts")]
    public int MaxAttempts { get; init; } = RetryPolicy.Default.MaxAttempts;

    [ConfigurationKeyName("request_timeout")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, Region = {Region}, Bucket = {Bucket}, ")
            .Append($"AccessKey = {Redact(AccessKey)}, SecretKey = {Redact(SecretKey)}, ")
            .Append($"ForcePathStyle = {ForcePathStyle}, MaxAttempts = {MaxAttempts}, RequestTimeout = {RequestTimeout}");
        return true;
    }

    private static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "<unset>" : "***";
}
