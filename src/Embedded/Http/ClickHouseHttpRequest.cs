using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Embedded.Http;

/// <summary>A request to the ClickHouse HTTP interface, taken apart the way clickhouse-server does it.</summary>
internal sealed record ClickHouseHttpRequest(
    string Sql,
    string? User,
    string? Password,
    string Database,
    string Format,
    string QueryId,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    // URL parameters that only steer the HTTP transport of clickhouse-server; accepted and ignored here.
    private static readonly HashSet<string> TransportSettings = new(StringComparer.Ordinal)
    {
        "wait_end_of_query", "buffer_size", "send_progress_in_http_headers", "http_headers_progress_interval_ms",
        "http_zlib_compression_level",
    };

    // What clickhouse-server offers that this node declines with a clear error rather than ignore: HTTP sessions,
    // roles, ClickHouse's own block compression, and readonly (a SET the engine session could not take back).
    private static readonly Dictionary<string, string> Declined = new(StringComparer.Ordinal)
    {
        ["session_id"] = "HTTP sessions", ["session_timeout"] = "HTTP sessions", ["session_check"] = "HTTP sessions",
        ["role"] = "roles", ["compress"] = "ClickHouse block compression (compress=1)",
        ["decompress"] = "ClickHouse block compression (decompress=1)", ["readonly"] = "the readonly setting",
    };

    /// <summary>Settings from the URL, applied to this statement only, in URL order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Whether the client allowed a compressed answer (<c>enable_http_compression=1</c>).</summary>
    public bool HttpCompression { get; init; }

    public static async Task<ClickHouseHttpRequest> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        string? user = Header(request, "X-ClickHouse-User") ?? query["user"].FirstOrDefault();
        string? password = Header(request, "X-ClickHouse-Key") ?? query["password"].FirstOrDefault();
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is not null)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            user = colon < 0 ? decoded : decoded[..colon];
            password = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        }

        var parameters = new List<KeyValuePair<string, string>>();
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in query)
        {
            if (key.StartsWith("param_", StringComparison.Ordinal))
            {
                parameters.Add(new(key["param_".Length..], value.ToString()));
            }
            else if (Declined.TryGetValue(key, out var what))
            {
                throw new ClickHouseHttpException(48, 400, $"Code: 48. DB::Exception: The embedded node does not support {what} ('{key}' in the URL). (NOT_IMPLEMENTED)");
            }
            else if (key is not ("query" or "user" or "password" or "database" or "default_format" or "query_id" or "enable_http_compression")
                     && !TransportSettings.Contains(key))
            {
                // Passed to the engine, which answers an unknown name or a bad value with ClickHouse's own error.
                settings.Add(new(SettingName(key), value.ToString()));
            }
        }

        var sql = query["query"].FirstOrDefault() ?? string.Empty;
        if (HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(HttpBodyEncoding.RequestBody(request), Encoding.UTF8);
            var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            sql = sql.Length == 0 ? body : body.Length == 0 ? sql : sql + "\n" + body;
        }
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new ClickHouseHttpException(62, 400, "Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)");
        }

        return new ClickHouseHttpRequest(
            sql,
            user,
            password,
            Header(request, "X-ClickHouse-Database") ?? query["database"].FirstOrDefault() ?? "default",
            Header(request, "X-ClickHouse-Format") ?? query["default_format"].FirstOrDefault() ?? "TabSeparated",
            query["query_id"].FirstOrDefault() ?? Guid.NewGuid().ToString(),
            parameters)
        {
            Settings = settings,
            HttpCompression = query["enable_http_compression"].FirstOrDefault() is "1" or "true",
        };
    }

    // Setting names become SQL (SET name = ...): anything but an identifier is refused the way the server refuses it.
    private static string SettingName(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? key
            : throw new ClickHouseHttpException(115, 400, $"Code: 115. DB::Exception: Unknown setting '{key}'. (UNKNOWN_SETTING)");

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;
}

/// <summary>An error answered the way clickhouse-server answers it: status, exception code header, text body.</summary>
internal sealed class ClickHouseHttpException(int code, int status, string message) : Exception(message)
{
    public int Code { get; } = code;

    public int Status { get; } = status;
}
