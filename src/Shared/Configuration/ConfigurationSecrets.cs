using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// The secret values of a configuration (tokens, passwords, S3 keys, notification URLs and headers), so anything
/// printed about a configuration can be scrubbed of them even if a message were to echo one.
/// </summary>
public static class ConfigurationSecrets
{
    public const string Redacted = "[REDACTED]";

    private static readonly string[] SecretWords = ["token", "password", "secret", "access_key"];

    /// <summary>Values shorter than this are not scrubbed (they would mangle ordinary words).</summary>
    private const int MinimumLength = 4;

    public static IReadOnlyList<string> Values(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.AsEnumerable()
            .Where(kv => kv.Value is { Length: >= MinimumLength } && IsSecretKey(kv.Key))
            .Select(kv => kv.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether the value at configuration <paramref name="path"/> (<c>s3:secret_key</c>) is a secret.</summary>
    public static bool IsSecretKey(string path)
    {
        var segments = path.Split(ConfigurationPath.KeyDelimiter);
        var last = segments[^1];
        if (SecretWords.Any(w => last.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // Notification targets: the URL (ClickVault's Slack webhook_url too) carries the webhook's token, headers carry API keys.
        return segments[0].Equals("notifications", StringComparison.OrdinalIgnoreCase)
            && (last.EndsWith("url", StringComparison.OrdinalIgnoreCase)
                || segments.Any(s => s.Equals("headers", StringComparison.OrdinalIgnoreCase)));
    }
}
