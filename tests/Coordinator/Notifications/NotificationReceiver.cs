using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>A request the receiver got.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>How the receiver answers one request.</summary>
internal sealed record Reply(int Status, string Body = "ok", TimeSpan? RetryAfter = null, bool Hang = false)
{
    public static Reply Ok { get; } = new(200);

    /// <summary>Never answers: waits until the client gives up (or the receiver stops).</summary>
    public static Reply Hanging { get; } = new(0, Hang: true);

    public static Reply Status500 { get; } = new(500, "upstream exploded");

    public static Reply TooManyRequests(TimeSpan retryAfter) => new(429, "slow down", retryAfter);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (an ASP.NET Core app on a free port) that records every request and answers from
/// a per-path script (default 200 "ok"), so notification tests exercise the real HttpClient path end to end.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> scripts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<ReceivedRequest> received = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> waiters = [];

    private NotificationReceiver(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new NotificationReceiver(builder.Build());
        receiver.app.Run(receiver.HandleAsync);
        await receiver.app.StartAsync();
        receiver.BaseUrl = new Uri(receiver.app.Urls.Single());
        return receiver;
    }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>The next requests to <paramref name="path"/> get these replies, in order; later ones get 200.</summary>
    public void Script(string path, params Reply[] replies)
    {
        var queue = scripts.GetOrAdd(path, _ => new ConcurrentQueue<Reply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests (to any path) have arrived.</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (received.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Record(new ReceivedRequest(request.Method, request.Path.Value ?? "", headers, body));

        var reply = scripts.TryGetValue(request.Path.Value ?? "", out var queue) && queue.TryDequeue(out var next) ? next : Reply.Ok;
        if (reply.Hang)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, both.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private void Record(ReceivedRequest request)
    {
        lock (gate)
        {
            received.Add(request);
            foreach (var waiter in waiters.Where(w => received.Count >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }
}
