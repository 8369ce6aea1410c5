using System.Collections.Concurrent;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>
/// A small stand-in for the coordinator's operator API on <c>http://127.0.0.1:{random}</c>: checks the bearer token,
/// serves the <see cref="StubScenario"/>'s DTOs with <see cref="ApiJson"/>, streams run events as SSE, and records requests.
/// </summary>
internal sealed partial class StubCoordinator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StubScenario scenario;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private int polls;

    private StubCoordinator(WebApplication app, StubScenario scenario)
    {
        this.app = app;
        this.scenario = scenario;
    }

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<StubCoordinator> StartAsync(StubScenario scenario)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var stub = new StubCoordinator(builder.Build(), scenario);
        stub.Map();
        await stub.app.StartAsync().ConfigureAwait(false);
        var address = stub.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.Address = new Uri(address);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            context.Request.Body.Position = 0;
            var authorization = context.Request.Headers.Authorization.ToString();
            requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? string.Empty, authorization, body));
            if (authorization != $"Bearer {scenario.Token}")
            {
                // Echoes what it was given, as careless servers do: the CLI must still never print the token.
                var presented = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : authorization;
                await WriteAsync(context, StatusCodes.Status401Unauthorized, new ApiError("unauthorized", $"operator token '{presented}' is not valid"), ApiJson.Default.ApiError).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        app.MapPost(OperatorRoutes.Runs, (HttpContext context) => scenario.RunActive
            ? WriteAsync(context, StatusCodes.Status409Conflict, new ApiError("run_active", $"run 20251231T230000Z is already active on cluster {Canned.Cluster}"), ApiJson.Default.ApiError)
            : WriteAsync(context, StatusCodes.Status202Accepted, scenario.Started, ApiJson.Default.RunView));

        app.MapGet(OperatorRoutes.Run, (HttpContext context, string runId) =>
        {
            if (runId != scenario.Started.RunId)
            {
                return WriteAsync(context, StatusCodes.Status404NotFound, new ApiError("not_found", $"run {runId} is unknown"), ApiJson.Default.ApiError);
            }

            var answers = scenario.Polls ?? [scenario.Finished];
            var index = Math.Min(Interlocked.Increment(ref polls) - 1, answers.Count - 1);
            return WriteAsync(context, StatusCodes.Status200OK, answers[index], ApiJson.Default.RunView);
        });

        app.MapGet(OperatorRoutes.RunEvents, StreamEventsAsync);
        MapRetention();
        app.MapGet(OperatorRoutes.Agents, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, scenario.Agents, ApiJson.Default.IReadOnlyListAgentView));
        app.MapGet(OperatorRoutes.Nodes, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, scenario.Nodes, ApiJson.Default.IReadOnlyListCoordinatorNodeView));
        app.MapGet(OperatorRoutes.Backups, (HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, scenario.Backups, ApiJson.Default.IReadOnlyListBackupView));
        app.MapGet(OperatorRoutes.Status, async (HttpContext context) =>
        {
            if (scenario.StatusFailure is { } failure)
            {
                context.Response.StatusCode = failure.Status;
                context.Response.ContentType = failure.ContentType;
                await context.Response.WriteAsync(failure.Body, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await WriteAsync(context, StatusCodes.Status200OK, scenario.Status, ApiJson.Default.StatusView).ConfigureAwait(false);
        });
        scenario.Routes?.Invoke(app);
    }

    private async Task StreamEventsAsync(HttpContext context, string runId)
    {
        if (runId != scenario.Started.RunId)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, new ApiError("not_found", $"run {runId} is unknown"), ApiJson.Default.ApiError).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(": keep-alive\n\n", context.RequestAborted).ConfigureAwait(false);
        foreach (var runEvent in scenario.Events ?? Canned.EventsTo(scenario.Finished))
        {
            await SendAsync(context, "run", System.Text.Json.JsonSerializer.Serialize(runEvent, ApiJson.Default.RunEvent)).ConfigureAwait(false);
        }

        switch (scenario.StreamBreak)
        {
            case StreamBreak.Abort:
                context.Abort();
                return;
            case StreamBreak.Close:
                return;
            default:
                await SendAsync(context, "end", System.Text.Json.JsonSerializer.Serialize(scenario.Finished, ApiJson.Default.RunView)).ConfigureAwait(false);
                return;
        }
    }

    private static async Task SendAsync(HttpContext context, string name, string data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, typeInfo, contentType: null, context.RequestAborted);
    }
}
