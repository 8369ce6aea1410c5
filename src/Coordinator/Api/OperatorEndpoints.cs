using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>The operator HTTP API (<see cref="OperatorRoutes"/>): each endpoint parses, calls one use case, answers JSON.</summary>
public static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            var token = context.HttpContext.RequestServices.GetRequiredService<IOptions<CoordinatorOptions>>().Value.OperatorToken;
            return BearerToken.Matches(context.HttpContext.Request, token)
                ? await next(context).ConfigureAwait(false)
                : Error(StatusCodes.Status401Unauthorized, "unauthorized", "missing or wrong operator token");
        });

        api.MapPost(OperatorRoutes.Runs, async (HttpRequest request, CoordinatorRuntime runtime, CancellationToken ct) =>
        {
            // A chunked body has no Content-Length: JsonBody reads it (the CLI's JsonContent is sent that way).
            var (start, problem) = await JsonBody.ReadAsync(request, ApiJson.Default.StartRunRequest, new StartRunRequest(false, []), ct).ConfigureAwait(false);
            if (start is null)
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_request", problem!);
            }
            return await runtime.StartRunAsync(start with { Shards = start.Shards ?? [] }, "api", ct).ConfigureAwait(false) switch
            {
                RunAccepted accepted => Results.Json(accepted.Run, ApiJson.Default.RunView, statusCode: StatusCodes.Status202Accepted),
                RunRejected { Code: "run_active" } r => Error(StatusCodes.Status409Conflict, r.Code, r.Message),
                RunRejected { Code: "not_ready" } r => Error(StatusCodes.Status503ServiceUnavailable, r.Code, r.Message),
                RunRejected r => Error(StatusCodes.Status400BadRequest, r.Code, r.Message),
                var other => Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected answer {other.GetType().Name}"),
            };
        });

        api.MapGet(OperatorRoutes.Runs, async (CoordinatorRuntime runtime, CancellationToken ct) =>
        {
            var overview = await runtime.GetRunsAsync(20, ct).ConfigureAwait(false);
            IReadOnlyList<RunView> runs = overview.Active is { } a ? [a, .. overview.Recent] : overview.Recent;
            return Results.Json(runs, ApiJson.Default.IReadOnlyListRunView);
        });

        api.MapGet(OperatorRoutes.Run, async (string runId, CoordinatorRuntime runtime, CancellationToken ct) =>
            await runtime.GetRunAsync(runId, ct).ConfigureAwait(false) is { } run
                ? Results.Json(run, ApiJson.Default.RunView)
                : Error(StatusCodes.Status404NotFound, "not_found", $"no run '{runId}'"));

        api.MapGet(OperatorRoutes.RunEvents, RunEventStream.WriteAsync);
        api.MapConfigApi();

        api.MapGet(OperatorRoutes.Agents, (AgentRegistry registry) => Results.Json(registry.Views(), ApiJson.Default.IReadOnlyListAgentView));
        api.MapGet(OperatorRoutes.Nodes, (TierMembers tier) => Results.Json(tier.Views(), ApiJson.Default.IReadOnlyListCoordinatorNodeView));

        api.MapGet(OperatorRoutes.Backups, async (string? shard, string? kind, string? run, CoordinatorRuntime runtime, CancellationToken ct) =>
        {
            BackupKind? parsedKind = kind switch
            {
                null => null,
                "full" => BackupKind.Full,
                "incremental" => BackupKind.Incremental,
                _ => (BackupKind?)(-1),
            };
            if (parsedKind == (BackupKind)(-1))
            {
                return Error(StatusCodes.Status400BadRequest, "invalid_request", $"kind '{kind}' is not one of full, incremental");
            }
            var backups = await runtime.ListBackupsAsync(shard, parsedKind, run, ct).ConfigureAwait(false);
            return Results.Json(backups, ApiJson.Default.IReadOnlyListBackupView);
        });

        api.MapGet(OperatorRoutes.Status, async (CoordinatorRuntime runtime, AgentRegistry registry, TierMembers tier, UndeliveredNotifications undelivered, IOptions<CoordinatorOptions> options, CancellationToken ct) =>
        {
            var overview = await runtime.GetRunsAsync(10, ct).ConfigureAwait(false);
            return Results.Json(new StatusView(options.Value.Cluster, registry.Views(), overview.Active, overview.Recent)
            {
                UndeliveredNotifications = UndeliveredNotificationViews.From(undelivered),
                LastVerified = await LastVerifiedAsync(runtime, ct).ConfigureAwait(false),
                Nodes = tier.Views(),
            }, ApiJson.Default.StatusView);
        });
        api.MapOperatorToolsApi();
        api.MapRetentionApi();
        api.MapRestoreApi();
        api.MapVerifyApi();
        return app;
    }

    /// <summary>Each shard's last verified restore from the (cached) catalog; status stays available when S3 is not.</summary>
    private static async Task<IReadOnlyList<ShardVerifiedView>> LastVerifiedAsync(CoordinatorRuntime runtime, CancellationToken cancellationToken)
    {
        try
        {
            return LastVerifiedRestores.From(await runtime.ListBackupsAsync(null, null, null, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiError(code, message), ApiJson.Default.ApiError, statusCode: status);
}
