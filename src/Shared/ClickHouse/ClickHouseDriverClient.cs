using System.Text.Json.Serialization.Metadata;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Microsoft.Extensions.Logging;
using DriverServerException = ClickHouse.Driver.ClickHouseServerException;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>
/// ClickHouse through the official ClickHouse.Driver over HTTP: typed RowBinary rows, server-side parameters
/// (<c>param_*</c>), the query id a KILL needs, <c>wait_end_of_query=1</c> so a failure mid-query is an HTTP error, and a
/// per-call timeout (<see cref="ClickHouseQuery.Timeout"/>) on our side. Errors become our typed exceptions with the
/// server's code and message; the password and the query's secrets never reach a message or log line.
/// </summary>
public sealed partial class ClickHouseDriverClient : IClickHouseClient, IDisposable
{
    private const string Hidden = "[HIDDEN]";
    private readonly ClickHouseClient driver;
    private readonly ClickHouseOptions options;
    private readonly ILogger<ClickHouseDriverClient> logger;

    /// <param name="http">The driver's transport; its own timeout should be infinite (calls carry theirs).</param>
    public ClickHouseDriverClient(HttpClient http, ClickHouseOptions options, ILogger<ClickHouseDriverClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new ArgumentException("clickhouse.url is required", nameof(options));
        var settings = new ClickHouseClientSettings
        {
            Protocol = url.Scheme,
            Host = url.Host,
            Port = (ushort)url.Port,
            Path = url.AbsolutePath.Trim('/'),
            Username = options.User,
            Password = options.Password,
            Database = options.Database,
            HttpClient = http,
        };
        settings.CustomSettings["wait_end_of_query"] = 1;
        driver = new ClickHouseClient(settings);
        this.options = options;
        this.logger = logger;
    }

    public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken) =>
        RunAsync(query, (o, ct) => driver.ExecuteNonQueryAsync(query.Sql, null, o, ct), cancellationToken);

    public Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<T>>(
            query,
            async (o, ct) =>
            {
                using var reader = await driver.ExecuteReaderAsync(query.Sql, null, o, ct).ConfigureAwait(false);
                var rows = new List<T>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(DriverRows.Read(reader, rowType));
                }
                return rows;
            },
            cancellationToken);

    public void Dispose() => driver.Dispose();

    private async Task<TResult> RunAsync<TResult>(ClickHouseQuery query, Func<QueryOptions, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var queryId = query.QueryId ?? Guid.NewGuid().ToString();
        var timeout = query.Timeout ?? options.Timeout;
        var queryOptions = new QueryOptions
        {
            QueryId = queryId,
            Database = query.Database ?? options.Database,
            // Already in ClickHouse's parameter text form: sent as is, the way the HTTP interface takes them.
            CustomSettings = query.Parameters.ToDictionary(p => "param_" + p.Name, p => (object)p.Value, StringComparer.Ordinal),
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(queryOptions, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, options.Url!, queryId, timeout);
            throw new ClickHouseTimeoutException($"ClickHouse at {options.Url} did not answer query {queryId} within {timeout}");
        }
        catch (DriverServerException e)
        {
            Log.ServerError(logger, options.Url!, queryId, e.ErrorCode);
            throw new ClickHouseServerException(e.ErrorCode, Redact(e.Message.Trim(), query), queryId);
        }
        catch (HttpRequestException e)
        {
            Log.Unreachable(logger, options.Url!, queryId, Redact(e.Message, query));
            throw new ClickHouseUnavailableException($"ClickHouse at {options.Url} is unreachable: {Redact(e.Message, query)}", e);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidCastException or FormatException or EndOfStreamException)
        {
            throw new ClickHouseProtocolException($"cannot read the answer of ClickHouse to query {queryId}: {Redact(e.Message, query)}", e);
        }
    }

    private string Redact(string text, ClickHouseQuery query)
    {
        foreach (var secret in query.Secrets.Append(options.Password))
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, Hidden, StringComparison.Ordinal);
            }
        }
        return text;
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
