using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>
/// ClickHouse over its HTTP interface: SQL in the POST body, credentials in X-ClickHouse-User/-Key
/// headers, values as server-side parameters on the URL, typed rows from JSONEachRow. Timeouts are per call
/// (<see cref="ClickHouseQuery.Timeout"/>): give it an <see cref="HttpClient"/> whose own Timeout is infinite.
/// </summary>
public sealed partial class ClickHouseHttpClient : IClickHouseClient
{
    private const string Hidden = "[HIDDEN]";
    private readonly HttpClient _http;
    private readonly ClickHouseOptions _options;
    private readonly ILogger<ClickHouseHttpClient> _logger;

    public ClickHouseHttpClient(HttpClient http, ClickHouseOptions options, ILogger<ClickHouseHttpClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options.Url, "clickhouse.url");
        _http = http;
        _options = options;
        _logger = logger;
    }

    public async Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(query, "TabSeparated", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(query, "JSONEachRow", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                rows.Add(JsonSerializer.Deserialize(line, rowType)
                         ?? throw new ClickHouseProtocolException($"ClickHouse returned a null row for {typeof(T).Name}"));
            }
            catch (JsonException e)
            {
                throw new ClickHouseProtocolException($"cannot read a {typeof(T).Name} row from ClickHouse: {e.Message}", e);
            }
        }
        return rows;
    }

    private async Task<HttpResponseMessage> SendAsync(ClickHouseQuery query, string format, CancellationToken cancellationToken)
    {
        var queryId = query.QueryId ?? Guid.NewGuid().ToString();
        var timeout = query.Timeout ?? _options.Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, BuildUri(query, format, queryId))
        {
            Content = new StringContent(query.Sql, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-ClickHouse-User", _options.User);
        if (_options.Password.Length > 0)
        {
            request.Headers.Add("X-ClickHouse-Key", _options.Password);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, _options.Url!, queryId, timeout);
            throw new ClickHouseTimeoutException($"ClickHouse at {_options.Url} did not answer query {queryId} within {timeout}");
        }
        catch (HttpRequestException e)
        {
            Log.Unreachable(_logger, _options.Url!, queryId, Redact(e.Message, query));
            throw new ClickHouseUnavailableException($"ClickHouse at {_options.Url} is unreachable: {Redact(e.Message, query)}", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var text = Redact((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim(), query);
            var code = ErrorCode(response, text);
            Log.ServerError(_logger, _options.Url!, queryId, code);
            throw new ClickHouseServerException(code, text, queryId);
        }
    }

    private Uri BuildUri(ClickHouseQuery query, string format, string queryId)
    {
        IEnumerable<KeyValuePair<string, string>> pairs =
        [
            new("database", query.Database ?? _options.Database),
            new("default_format", format),
            new("query_id", queryId),
            new("wait_end_of_query", "1"),
            new("output_format_json_quote_64bit_integers", "0"),
            .. query.Parameters.Select(p => new KeyValuePair<string, string>("param_" + p.Name, p.Value)),
        ];
        var search = string.Join('&', pairs.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        return new Uri(_options.Url!.GetLeftPart(UriPartial.Path) + "?" + search);
    }

    private string Redact(string text, ClickHouseQuery query)
    {
        foreach (var secret in query.Secrets.Append(_options.Password))
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, Hidden, StringComparison.Ordinal);
            }
        }
        return text;
    }

    [GeneratedRegex(@"Code: (\d+)\.")]
    private static partial Regex CodeInText();

    private static int ErrorCode(HttpResponseMessage response, string text)
    {
        if (response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader))
        {
            return fromHeader;
        }
        var match = CodeInText().Match(text);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : response.StatusCode == HttpStatusCode.Forbidden ? 516 : 0;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "ClickHouse {Url} did not answer query {QueryId} within {Timeout}")]
        public static partial void TimedOut(ILogger logger, Uri url, string queryId, TimeSpan timeout);

        [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "ClickHouse {Url} unreachable for query {QueryId}: {Reason}")]
        public static partial void Unreachable(ILogger logger, Uri url, string queryId, string reason);

        [LoggerMessage(EventId = 1023, Level = LogLevel.Debug, Message = "ClickHouse {Url} refused query {QueryId} with code {Code}")]
        public static partial void ServerError(ILogger logger, Uri url, string queryId, int code);
    }
}
