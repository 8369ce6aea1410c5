using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="RunLogRoutes"/>: a run's stored or live events.</summary>
public static class RunLogEndpoints
{
    public static IEndpointRouteBuilder MapRunLogApi(this IEndpointRouteBuilder api)
    {
        api.MapGet(RunLogRoutes.RunLog, async (string runId, string? shard, RunLogReader reader, CancellationToken ct) =>
        {
            try
            {
                return await reader.ReadAsync(runId, shard, ct).ConfigureAwait(false) switch
                {
                    RunLogView log => Results.Json(log, RunLogJson.Default.RunLogView),
                    RunLogMiss miss => OperatorEndpoints.Error(StatusCodes.Status404NotFound, miss.Code, miss.Message),
                    var other => OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected answer {other.GetType().Name}"),
                };
            }
            catch (CatalogCorruptException e)
            {
                return OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "catalog_corrupt", e.Message);
            }
        });
        return api;
    }
}
