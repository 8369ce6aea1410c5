using System.Text.Json;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>The restore endpoints (<see cref="RestoreRoutes"/>): each parses, calls one use case of <see cref="RestoreRuntime"/>, answers JSON.</summary>
public static class RestoreEndpoints
{
    public static RouteGroupBuilder MapRestoreApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost(RestoreRoutes.Restores, async (HttpRequest request, RestoreRuntime restores, CancellationToken ct) =>
        {
            StartRestoreRequest? start;
            try
            {
                start = await JsonSerializer.DeserializeAsync(request.Body, RestoreApiJson.Default.StartRestoreRequest, ct).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return OperatorEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request", $"request body is not a StartRestoreRequest: {e.Message}");
            }

            if (start?.Run is null)
            {
                return OperatorEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request", "request body needs \"run\": a run id or \"latest\"");
            }

            try
            {
                var view = await restores.StartRestoreAsync(start, ct).ConfigureAwait(false);
                return Results.Json(view, RestoreApiJson.Default.RestoreView,
                    statusCode: view.DryRun ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
            }
            catch (RestoreRefusedException e)
            {
                return OperatorEndpoints.Error(e.Status, e.Code, e.Message);
            }
        });

        api.MapGet(RestoreRoutes.Restores, async (RestoreRuntime restores, CancellationToken ct) =>
            Results.Json(await restores.GetRestoresAsync(ct).ConfigureAwait(false), RestoreApiJson.Default.IReadOnlyListRestoreView));

        api.MapGet(RestoreRoutes.Restore, async (string restoreId, RestoreRuntime restores, CancellationToken ct) =>
            await restores.GetRestoreAsync(restoreId, ct).ConfigureAwait(false) is { } view
                ? Results.Json(view, RestoreApiJson.Default.RestoreView)
                : OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", $"no restore '{restoreId}'"));

        api.MapGet(RestoreRoutes.RestoreEvents, WriteEventsAsync);
        return api;
    }

    /// <summary>
    /// <c>GET /api/restores/{id}/events</c>: the restore's events as <c>event: run</c> (history, then live), then
    /// <c>event: end</c> with the final <see cref="RestoreView"/>.
    /// </summary>
    private static async Task WriteEventsAsync(string restoreId, HttpContext context, RestoreRuntime restores, RunEventHub events)
    {
        var ct = context.RequestAborted;
        var restore = await restores.GetRestoreAsync(restoreId, ct).ConfigureAwait(false);
        if (restore is null)
        {
            await OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", $"no restore '{restoreId}'").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        using var writing = new SemaphoreSlim(1, 1);
        await RunEventStream.StreamEventsAsync(context, events, writing, restore.RestoreId, restore.FinishedAt is not null).ConfigureAwait(false);
        var final = await restores.GetRestoreAsync(restore.RestoreId, ct).ConfigureAwait(false) ?? restore;
        await RunEventStream.SendAsync(context, writing, $"event: end\ndata: {JsonSerializer.Serialize(final, RestoreApiJson.Default.RestoreView)}\n\n", ct)
            .ConfigureAwait(false);
    }
}
