using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// Removes credentials from free text (ClickHouse, S3 and agent error messages, receivers' answers) before it leaves
/// the process in a notification, a log line or a status entry. Two layers:
/// the secrets this process knows (notification URLs and header values, given to the constructor) are replaced
/// wherever they appear, and patterns catch what looks like a credential: the key and secret arguments of
/// <c>S3(...)</c> and other table functions, <c>password=</c>/<c>secret:</c>/<c>token=</c>-style assignments (JSON,
/// XML, query strings, headers such as <c>X-ClickHouse-Key</c> and <c>Authorization</c>), <c>IDENTIFIED BY '...'</c>,
/// user:password@ in URLs, Slack webhook paths and tokens, AWS access key ids. Each becomes <see cref="Hidden"/>.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Hidden = "[HIDDEN]";

    /// <summary>Known secrets shorter than this are not replaced literally (they would blank ordinary words).</summary>
    public const int MinLiteralLength = 6;

    /// <summary>Longer input is cut to this before redaction, so a huge stack trace cannot stall the patterns.</summary>
    public const int MaxInputLength = 65_536;

    private const int PatternTimeoutMs = 1000;
    private const string Withheld = "[text withheld: it could not be checked for secrets]";

    private readonly string[] literals;

    public SecretRedactor(IEnumerable<string?> knownSecrets)
    {
        ArgumentNullException.ThrowIfNull(knownSecrets);
        literals = [.. knownSecrets
            .OfType<string>()
            .Where(s => s.Length >= MinLiteralLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
    }

    /// <summary>A redactor that knows no literal secrets and applies the patterns only.</summary>
    public static SecretRedactor PatternsOnly { get; } = new([]);

    /// <summary>What of a target's configuration is secret: the URL, its credential-bearing parts, the header values.</summary>
    public static IEnumerable<string> SecretsOf(NotificationTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var value in target.Headers.Values)
        {
            yield return value;
        }

        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url))
        {
            yield return target.Url;
            yield break;
        }

        yield return target.Url;
        yield return url.AbsoluteUri;
        if (url.UserInfo.Length > 0)
        {
            yield return url.UserInfo;
        }

        if (url.PathAndQuery.Length > 1)
        {
            yield return url.PathAndQuery;
        }

        // Tokens live in path segments (Slack: /services/T…/B…/token) or query values (?code=…, ?sig=…).
        foreach (var part in url.AbsolutePath.Split('/').Concat(url.Query.TrimStart('?').Split('&').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..])))
        {
            if (part.Length >= 12)
            {
                yield return part;
                yield return Uri.UnescapeDataString(part);
            }
        }
    }

    /// <summary>The text with every known and every likely secret replaced; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text.Length > MaxInputLength ? text[..MaxInputLength] : text;
        foreach (var literal in literals)
        {
            result = result.Replace(literal, Hidden, StringComparison.Ordinal);
        }

        try
        {
            result = TableFunction().Replace(result, HideTableFunctionSecrets);
            result = IdentifiedBy().Replace(result, m => $"{m.Groups["head"].Value}'{Hidden}'");
            result = XmlElement().Replace(result, m => $"<{m.Groups["tag"].Value}>{Hidden}</{m.Groups["tag"].Value}>");
            result = Assignment().Replace(result, HideAssignedValue);
            result = CommandLineFlag().Replace(result, m => m.Groups["flag"].Value + Hidden);
            result = UrlUserInfo().Replace(result, m => $"{m.Groups["scheme"].Value}{Hidden}@");
            result = SlackWebhookPath().Replace(result, m => m.Groups["keep"].Value + Hidden);
            result = SlackToken().Replace(result, Hidden);
            result = AwsAccessKeyId().Replace(result, Hidden);
            result = AuthorizationScheme().Replace(result, m => $"{m.Groups["scheme"].Value} {Hidden}");
        }
        catch (RegexMatchTimeoutException)
        {
            return Withheld;
        }

        return result;
    }

    private static string HideTableFunctionSecrets(Match match)
    {
        // How many leading quoted arguments are addresses (kept); every later quoted argument is hidden.
        var keep = match.Groups["fn"].Value.ToLowerInvariant() switch
        {
            "s3" or "gcs" or "cosn" or "oss" or "remote" or "remotesecure" => 1,
            "s3cluster" => 2,
            "mysql" or "postgresql" or "mongodb" => 3,
            _ => 0,
        };
        var index = 0;
        var args = QuotedString().Replace(match.Groups["args"].Value, q => index++ < keep ? q.Value : $"'{Hidden}'");
        return $"{match.Groups["fn"].Value}{match.Groups["open"].Value}{args}";
    }

    private static string HideAssignedValue(Match match)
    {
        var value = match.Groups["value"].Value;
        var quote = value.Length > 0 && value[0] is '"' or '\'' ? value[0].ToString() : "";
        return $"{match.Groups["name"].Value}{match.Groups["close"].Value}{match.Groups["sep"].Value}{quote}{Hidden}{quote}";
    }

    [GeneratedRegex(@"\b(?<fn>s3Cluster|s3|gcs|cosn|oss|azureBlobStorageCluster|azureBlobStorage|remoteSecure|remote|mysql|postgresql|mongodb)(?<open>\s*\()(?<args>(?:'(?:[^'\\]|\\.)*'?|[^'()])*)", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex TableFunction();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'?", RegexOptions.None, PatternTimeoutMs)]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\b(?<head>IDENTIFIED\s+(?:WITH\s+\w+\s+)?BY\s+)'(?:[^'\\]|\\.)*'?", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex IdentifiedBy();

    [GeneratedRegex(@"<(?<tag>[\w.-]*(?:password|secret|token|access_key_id|credential)[\w.-]*)>[^<]*</\k<tag>>", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex XmlElement();

    [GeneratedRegex(
        @"(?<name>\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key|credential|signature|x-clickhouse-key|authorization|cookie)[\w-]*|\bsig)(?<close>[""']?)(?<sep>\s*[:=]\s*)(?<value>""(?:[^""\\]|\\.)*""?|'(?:[^'\\]|\\.)*'?|(?:(?:bearer|basic|digest|token)\s+)?[^\s,;&)\[\]}""'<>]+)",
        RegexOptions.IgnoreCase,
        PatternTimeoutMs)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?<flag>--[\w-]*(?:password|secret|token|key)[\w-]*\s+)(?:'[^']*'|""[^""]*""|[^\s-]\S*)", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex CommandLineFlag();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]*://)[^/\s:@'""]+:[^/\s@'""]+@", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?<keep>hooks\.slack\.com/(?:services|workflows|triggers)/)[^\s'""<>)]+", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex SlackWebhookPath();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]+", RegexOptions.None, PatternTimeoutMs)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b", RegexOptions.None, PatternTimeoutMs)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+(?!\[HIDDEN\])[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase, PatternTimeoutMs)]
    private static partial Regex AuthorizationScheme();
}
