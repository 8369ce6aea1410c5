using ClickVault.Cluster.Coordinator.Describe;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="DescribeRoutes"/>: describe a run or one shard's backup.</summary>
public static class DescribeEndpoints
{
    public static IEndpointRouteBuilder MapDescribeApi(this IEndpointRouteBuilder api)
    {
        api.MapGet(DescribeRoutes.Run, (string runId, RunDescriber describer, CancellationToken ct) =>
            AnswerAsync(() => describer.DescribeRunAsync(runId, ct)));
        api.MapGet(DescribeRoutes.Backup, (string runId, string shard, RunDescriber describer, CancellationToken ct) =>
            AnswerAsync(() => describer.DescribeBackupAsync(runId, shard, ct)));
        return api;
    }

    private static async Task<IResult> AnswerAsync(Func<Task<object>> describe)
    {
        try
        {
            return await describe().ConfigureAwait(false) switch
            {
                RunDescription run => Results.Json(run, DescribeJson.Default.RunDescription),
                BackupDescription backup => Results.Json(backup, DescribeJson.Default.BackupDescription),
                DescribeMiss miss => OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", miss.Message),
                var other => OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected answer {other.GetType().Name}"),
            };
        }
        catch (CatalogCorruptException e)
        {
            return OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "catalog_corrupt", e.Message);
        }
    }
}
