using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>Names every wrong key, prefixed with the configuration section (e.g. <c>s3.bucket must not be empty</c>).</summary>
public sealed class S3StoreOptionsValidator(string section = S3StoreOptions.DefaultSection) : IValidateOptions<S3StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StoreOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public IReadOnlyList<string> Check(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.Endpoint)
            && !(Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            failures.Add($"{section}.endpoint must be an absolute http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{section}.region must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add($"{section}.bucket must not be empty");
        }
        else if (!IsBucketName(options.Bucket))
        {
            failures.Add($"{section}.bucket must be 3-63 characters of lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add(string.IsNullOrEmpty(options.AccessKey)
                ? $"{section}.access_key must be set when {section}.secret_key is set"
                : $"{section}.secret_key must be set when {section}.access_key is set");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{section}.max_attempts must be at least 1");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}.request_timeout must be positive");
        }

        return failures;
    }

    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63
        && char.IsAsciiLetterOrDigit(bucket[0])
        && char.IsAsciiLetterOrDigit(bucket[^1])
        && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
}
