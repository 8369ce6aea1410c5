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
        using var writing = new SemaphoreSlim(1, 1);
        await StreamEventsAsync(context, events, writing, run.RunId, run.FinishedAt is not null).ConfigureAwait(false);
        var final = await runtime.GetRunAsync(run.RunId, ct).ConfigureAwait(false) ?? run;
        await SendAsync(context, writing, $"event: end\ndata: {JsonSerializer.Serialize(final, ApiJson.Default.RunView)}\n\n", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the event stream and writes the events of <paramref name="id"/> (a run or a restore): its history when it
    /// <paramref name="finished"/>, else history then live events, with pings, until it completes. The caller writes <c>event: end</c>.
    /// </summary>
    internal static async Task StreamEventsAsync(HttpContext context, RunEventHub events, SemaphoreSlim writing, string id, bool finished)
    {
        var ct = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        if (!finished)
        {
            using var stopPings = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var pings = PingAsync(context, writing, stopPings.Token);
            await foreach (var e in events.SubscribeAsync(id, ct).ConfigureAwait(false))
            {
                await SendAsync(context, writing, $"event: run\ndata: {JsonSerializer.Serialize(e, ApiJson.Default.RunEvent)}\n\n", ct).ConfigureAwait(false);
            }
            await stopPings.CancelAsync().ConfigureAwait(false);
            await pings.ConfigureAwait(false);
        }
        else
        {
            foreach (var e in events.History(id))
            {
                await SendAsync(context, writing, $"event: run\ndata: {JsonSerializer.Serialize(e, ApiJson.Default.RunEvent)}\n\n", ct).ConfigureAwait(false);
            }
        }
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

    internal static async Task SendAsync(HttpContext context, SemaphoreSlim writing, string text, CancellationToken ct)
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
