using System.Diagnostics.CodeAnalysis;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Validates a coordinator address: an absolute http(s) URL without credentials, query or fragment.</summary>
public static class CoordinatorUri
{
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? uri, [NotNullWhen(false)] out string? problem)
    {
        uri = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            problem = $"'{text}' is not an http:// or https:// URL (e.g. http://127.0.0.1:7480)";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            problem = "the URL must not carry credentials; pass the token with --token or CLICKVAULT_OPERATOR_TOKEN";
            return false;
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            problem = $"'{text}' must not have a query or fragment";
            return false;
        }

        uri = parsed;
        problem = null;
        return true;
    }
}
