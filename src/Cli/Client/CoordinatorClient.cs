using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// The coordinator's operator API as typed calls. Every failure surfaces as a <see cref="CliException"/>
/// (unreachable, auth, API status, unreadable response); a broken event stream as <see cref="RunStreamInterruptedException"/>.
/// </summary>
public sealed class CoordinatorClient
{
    private const string JsonMediaType = "application/json";
    private const string EventStreamMediaType = "text/event-stream";

    private readonly ApiJson json;
    private readonly ConfigApiJson configJson;
    private readonly CoordinatorTransport transport;

    public CoordinatorClient(HttpClient http, CoordinatorConnection connection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);

        json = new ApiJson(StrictJson.Options(ApiJson.Default.Options));
        configJson = new ConfigApiJson(StrictJson.Options(ConfigApiJson.Default.Options));
        transport = new CoordinatorTransport(http, connection, json);
        Retention = new RetentionClient(transport);
    }

    /// <summary>Retention and catalog maintenance (cleanup, delete, catalog rebuild, clean-broken).</summary>
    public RetentionClient Retention { get; }

    public async Task<RunView> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, OperatorRoutes.Runs, JsonMediaType);
        message.Content = JsonContent.Create(request, json.StartRunRequest);
        return await transport.SendForJsonAsync(message, json.RunView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunView> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Get, OperatorRoutes.RunPath(runId), JsonMediaType);
        return await transport.SendForJsonAsync(message, json.RunView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AgentView>> GetAgentsAsync(CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Get, OperatorRoutes.Agents, JsonMediaType);
        return await transport.SendForJsonAsync(message, json.IReadOnlyListAgentView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CoordinatorNodeView>> GetNodesAsync(CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Get, OperatorRoutes.Nodes, JsonMediaType);
        return await transport.SendForJsonAsync(message, json.IReadOnlyListCoordinatorNodeView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BackupView>> GetBackupsAsync(BackupFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var message = transport.NewRequest(HttpMethod.Get, OperatorRoutes.Backups + filter.ToQueryString(), JsonMediaType);
        return await transport.SendForJsonAsync(message, json.IReadOnlyListBackupView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StatusView> GetStatusAsync(CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Get, OperatorRoutes.Status, JsonMediaType);
        return await transport.SendForJsonAsync(message, json.StatusView, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/runs/{run}/configs</c>: the configuration files stored with each shard's backup of the run.</summary>
    public async Task<IReadOnlyList<ShardConfigsView>> GetConfigsAsync(string run, string? shard, string? replica, CancellationToken cancellationToken)
    {
        var query = string.Concat(
            shard is null ? "" : $"?shard={Uri.EscapeDataString(shard)}",
            replica is null ? "" : $"{(shard is null ? '?' : '&')}replica={Uri.EscapeDataString(replica)}");
        using var message = transport.NewRequest(HttpMethod.Get, ConfigRoutes.ConfigsPath(run) + query, JsonMediaType);
        return await transport.SendForJsonAsync(message, configJson.IReadOnlyListShardConfigsView, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows <c>GET /api/runs/{id}/events</c>: yields <see cref="RunEventReceived"/> per <c>event: run</c> and ends with
    /// one <see cref="RunFinished"/> for <c>event: end</c>. Failing to open the stream throws the usual typed exceptions;
    /// a stream that breaks or ends before <c>event: end</c> throws <see cref="RunStreamInterruptedException"/>.
    /// </summary>
    public async IAsyncEnumerable<RunUpdate> StreamRunEventsAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = transport.NewRequest(HttpMethod.Get, OperatorRoutes.RunEventsPath(runId), EventStreamMediaType);
        var description = CoordinatorTransport.Describe(request);
        using var response = await transport.SendForStreamAsync(request, cancellationToken).ConfigureAwait(false);
        await using var body = await OpenAsync(response, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        await using var events = ServerSentEventReader.ReadAsync(reader, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await NextAsync(events, cancellationToken).ConfigureAwait(false))
        {
            var sse = events.Current;
            switch (sse.Name)
            {
                case "run":
                    yield return new RunEventReceived(Parse(sse, json.RunEvent, description));
                    break;
                case "end":
                    yield return new RunFinished(Parse(sse, json.RunView, description));
                    yield break;
                default:
                    // Event names this CLI does not know yet are skipped: the stream may grow.
                    break;
            }
        }

        throw new RunStreamInterruptedException("the coordinator closed it before the run finished");
    }

    internal static async Task<Stream> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunStreamInterruptedException(ex.Message, ex);
        }
    }

    internal static async Task<bool> NextAsync(IAsyncEnumerator<ServerSentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunStreamInterruptedException(ex.Message, ex);
        }
    }

    internal static T Parse<T>(ServerSentEvent sse, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string description)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(sse.Data, typeInfo)
                ?? throw new CoordinatorProtocolException($"{description} sent 'event: {sse.Name}' with null data where a {typeof(T).Name} was expected");
        }
        catch (JsonException ex)
        {
            throw new CoordinatorProtocolException(
                $"{description} sent 'event: {sse.Name}' whose data is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The HTTP plumbing, for the clients of other API areas (e.g. <see cref="RestoreClient"/>).</summary>
    internal CoordinatorTransport Transport => transport;
}
