using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>The restore area of the operator API (<see cref="RestoreRoutes"/>), over the same transport and errors as <see cref="CoordinatorClient"/>.</summary>
public sealed class RestoreClient
{
    private const string JsonMediaType = "application/json";
    private readonly CoordinatorTransport transport;
    private readonly RestoreApiJson json;
    private readonly ApiJson events;

    public RestoreClient(CoordinatorClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        transport = client.Transport;
        json = new RestoreApiJson(new JsonSerializerOptions(RestoreApiJson.Default.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        });
        events = new ApiJson(new JsonSerializerOptions(ApiJson.Default.Options)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        });
    }

    /// <summary>Starts (or with dry_run only plans) a restore: the restore as accepted, or the plan.</summary>
    public async Task<RestoreView> StartRestoreAsync(StartRestoreRequest request, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Post, RestoreRoutes.Restores, JsonMediaType);
        message.Content = JsonContent.Create(request, json.StartRestoreRequest);
        return await transport.SendForJsonAsync(message, json.RestoreView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RestoreView> GetRestoreAsync(string restoreId, CancellationToken cancellationToken)
    {
        using var message = transport.NewRequest(HttpMethod.Get, RestoreRoutes.RestorePath(restoreId), JsonMediaType);
        return await transport.SendForJsonAsync(message, json.RestoreView, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows <c>GET /api/restores/{id}/events</c>: one <see cref="RestoreEventReceived"/> per <c>event: run</c>, ending with one
    /// <see cref="RestoreFinished"/> for <c>event: end</c>; a stream that breaks first throws <see cref="RunStreamInterruptedException"/>.
    /// </summary>
    public async IAsyncEnumerable<RestoreUpdate> StreamRestoreEventsAsync(string restoreId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = transport.NewRequest(HttpMethod.Get, RestoreRoutes.RestoreEventsPath(restoreId), "text/event-stream");
        var description = CoordinatorTransport.Describe(request);
        using var response = await transport.SendForStreamAsync(request, cancellationToken).ConfigureAwait(false);
        await using var body = await CoordinatorClient.OpenAsync(response, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        await using var stream = ServerSentEventReader.ReadAsync(reader, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await CoordinatorClient.NextAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            var sse = stream.Current;
            switch (sse.Name)
            {
                case "run":
                    yield return new RestoreEventReceived(CoordinatorClient.Parse(sse, events.RunEvent, description));
                    break;
                case "end":
                    yield return new RestoreFinished(CoordinatorClient.Parse(sse, json.RestoreView, description));
                    yield break;
                default:
                    break;
            }
        }

        throw new RunStreamInterruptedException("the coordinator closed it before the restore finished");
    }
}

/// <summary>What following a restore yields: events, polled snapshots after the stream broke, and at last the finished restore.</summary>
public abstract record RestoreUpdate
{
    /// <summary>The same update in the shape of a run's (see <see cref="RestoreRunShape"/>), for the run progress renderers.</summary>
    public abstract RunUpdate AsRunUpdate();
}

public sealed record RestoreEventReceived(RunEvent Event) : RestoreUpdate
{
    public override RunUpdate AsRunUpdate() => new RunEventReceived(Event);
}

public sealed record RestorePolled(RestoreView Restore) : RestoreUpdate
{
    public override RunUpdate AsRunUpdate() => new RunPolled(RestoreRunShape.AsRun(Restore));
}

/// <summary>Always the last update.</summary>
public sealed record RestoreFinished(RestoreView Restore) : RestoreUpdate
{
    public override RunUpdate AsRunUpdate() => new RunFinished(RestoreRunShape.AsRun(Restore));
}
