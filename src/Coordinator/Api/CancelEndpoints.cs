using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Actors;
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
            object answer;
            try
            {
                answer = await runtime.AskRunsAsync<object>(new CancelRun(runId), ct).ConfigureAwait(false);
            }
            catch (AskRecipientGoneException)
            {
                // The run actor stopped between the lookup and the request: the run has just finished.
                answer = new RunCancelRejected("run_not_active", $"run '{runId}' has just finished");
            }
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
