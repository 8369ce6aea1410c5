using ClickVault.Cluster.Coordinator.Describe;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="DescribeRoutes"/>: describe a run or one shard's backup.</summary>
public static class DescribeEndpoints
{
    public static IEndpointRouteBuilder MapDescribeApi(this IEndpointRouteBuilder api)
    {
        api.MapGet(DescribeRoutes.Run, async (string runId, RunDescriber describer, CancellationToken ct) =>
            await describer.DescribeRunAsync(runId, ct).ConfigureAwait(false) switch
            {
                RunDescription run => Results.Json(run, DescribeJson.Default.RunDescription),
                var miss => NotFound(miss),
            });

        api.MapGet(DescribeRoutes.Backup, async (string runId, string shard, RunDescriber describer, CancellationToken ct) =>
            await describer.DescribeBackupAsync(runId, shard, ct).ConfigureAwait(false) switch
            {
                BackupDescription backup => Results.Json(backup, DescribeJson.Default.BackupDescription),
                var miss => NotFound(miss),
            });
        return api;
    }

    private static IResult NotFound(object miss) => miss is DescribeMiss m
        ? OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", m.Message)
        : OperatorEndpoints.Error(StatusCodes.Status500InternalServerError, "internal", $"unexpected answer {miss.GetType().Name}");
}
