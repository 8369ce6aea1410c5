using System.Text.Json;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>
/// <c>GET /api/runs/{id}/events</c> as Server-Sent Events: <c>event: run</c> per <see cref="RunEvent"/> (history
/// first, then live), and <c>event: end</c> with the final <see cref="RunView"/> once the run finished. While the run
/// is quiet a <c>: ping</c> comment goes out every <see cref="PingInterval"/>, so clients can detect a dead connection.
/// </summary>
public static class RunEventStream
{
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

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
        using var writing = new SemaphoreSlim(1, 1);
        if (run.FinishedAt is null)
        {
            using var stopPings = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var pings = PingAsync(context, writing, stopPings.Token);
            await foreach (var e in events.SubscribeAsync(run.RunId, ct).ConfigureAwait(false))
            {
                await SendAsync(context, writing, $"event: run\ndata: {JsonSerializer.Serialize(e, ApiJson.Default.RunEvent)}\n\n", ct).ConfigureAwait(false);
            }
            await stopPings.CancelAsync().ConfigureAwait(false);
            await pings.ConfigureAwait(false);
        }
        else
        {
            foreach (var e in events.History(run.RunId))
            {
                await SendAsync(context, writing, $"event: run\ndata: {JsonSerializer.Serialize(e, ApiJson.Default.RunEvent)}\n\n", ct).ConfigureAwait(false);
            }
        }
        var final = await runtime.GetRunAsync(run.RunId, ct).ConfigureAwait(false) ?? run;
        await SendAsync(context, writing, $"event: end\ndata: {JsonSerializer.Serialize(final, ApiJson.Default.RunView)}\n\n", ct).ConfigureAwait(false);
    }

    private static async Task PingAsync(HttpContext context, SemaphoreSlim writing, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await SendAsync(context, writing, ": ping\n\n", ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAsync(HttpContext context, SemaphoreSlim writing, string text, CancellationToken ct)
    {
        await writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await context.Response.WriteAsync(text, ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }
}
