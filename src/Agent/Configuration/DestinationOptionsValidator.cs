using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// Names every wrong key of <see cref="DestinationOptions"/>. The S3 keys go together: either none (the agent then
/// refuses S3 destinations) or all four. Credentials are never echoed.
/// </summary>
public sealed class DestinationOptionsValidator : IValidateOptions<DestinationOptions>
{
    private const string S = DestinationOptions.Section;

    public ValidateOptionsResult Validate(string? name, DestinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Disk))
        {
            failures.Add($"{S}.disk must not be empty");
        }
        else if (options.Disk.Any(char.IsControl))
        {
            failures.Add($"{S}.disk must not contain control characters");
        }

        if (options.S3Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
            {
                failures.Add($"{S}.s3_endpoint must be an absolute http(s) URL such as https://s3.eu-west-1.amazonaws.com");
            }
            else if (endpoint.UserInfo.Length > 0)
            {
                failures.Add($"{S}.s3_endpoint must not carry credentials; use {S}.s3_access_key and {S}.s3_secret_key");
            }
        }

        if (options.S3Bucket is { } bucket && (bucket.Contains('/', StringComparison.Ordinal) || bucket.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            failures.Add($"{S}.s3_bucket must be a bucket name without '/', spaces or control characters");
        }

        var s3Keys = new (string Key, bool Set)[]
        {
            ("s3_endpoint", options.S3Endpoint is not null),
            ("s3_bucket", !string.IsNullOrEmpty(options.S3Bucket)),
            ("s3_access_key", !string.IsNullOrEmpty(options.S3AccessKey)),
            ("s3_secret_key", !string.IsNullOrEmpty(options.S3SecretKey)),
        };
        if (s3Keys.Any(k => k.Set))
        {
            var given = s3Keys.Where(k => k.Set).Select(k => $"{S}.{k.Key}").ToList();
            var verb = given.Count == 1 ? "is" : "are";
            failures.AddRange(s3Keys.Where(k => !k.Set)
                .Select(k => $"{S}.{k.Key} must be set when {string.Join(", ", given)} {verb} set (S3 destinations need all four)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
