using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="CancelRoutes"/>: cancel the active run.</summary>
public static class CancelEndpoints
{
    public static IEndpointRouteBuilder MapCancelApi(this IEndpointRouteBuilder api)
    {
        api.MapPost(CancelRoutes.CancelRun, async (string runId, CoordinatorRuntime runtime, CancellationToken ct) =>
        {
            var answer = await runtime.AskRunsAsync<object>(new CancelRun(runId), ct).ConfigureAwait(false);
            return answer switch
            {
                RunCancelAccepted accepted => Results.Json(accepted.View, CancelJson.Default.CancelRunView, statusCode: StatusCodes.Status202Accepted),
                RunCancelRejected { Code: "not_found" } r => OperatorEndpoints.Error(StatusCodes.Status404NotFound, r.Code, r.Message),
                RunCancelRejected r => OperatorEndpoints.Error(StatusCodes.Status409Conflict, r.Code, r.Message),
                var other => OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected answer {other.GetType().Name}"),
            };
        });
        return api;
    }
}
