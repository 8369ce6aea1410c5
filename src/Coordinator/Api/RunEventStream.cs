using System.Text.Json;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>
/// <c>GET /api/runs/{id}/events</c> as Server-Sent Events: <c>event: run</c> per <see cref="RunEvent"/> (history
/// first, then live), and <c>event: end</c> with the final <see cref="RunView"/> once the run finished.
/// </summary>
public static class RunEventStream
{
    public static async Task WriteAsync(string runId, HttpContext context, CoordinatorRuntime runtime, RunEventHub events)
    {
        var ct = context.RequestAborted;
        var run = await runtime.GetRunAsync(runId, ct).ConfigureAwait(false);
        if (run is null)
        {
            await OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", $"no run '{runId}'").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        if (run.FinishedAt is null)
        {
            await foreach (var e in events.SubscribeAsync(run.RunId, ct).ConfigureAwait(false))
            {
                await SendAsync(context, "run", JsonSerializer.Serialize(e, ApiJson.Default.RunEvent), ct).ConfigureAwait(false);
            }
        }
        else
        {
            foreach (var e in events.History(run.RunId))
            {
                await SendAsync(context, "run", JsonSerializer.Serialize(e, ApiJson.Default.RunEvent), ct).ConfigureAwait(false);
            }
        }
        var final = await runtime.GetRunAsync(run.RunId, ct).ConfigureAwait(false) ?? run;
        await SendAsync(context, "end", JsonSerializer.Serialize(final, ApiJson.Default.RunView), ct).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, string name, string json, CancellationToken ct)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
