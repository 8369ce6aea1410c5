using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary><see cref="ConfigRoutes"/>: the configuration files stored with backups.</summary>
public static class ConfigEndpoints
{
    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet(ConfigRoutes.Configs, async (string runId, string? shard, string? replica, ConfigDownloads downloads, CancellationToken ct) =>
        {
            try
            {
                var views = await downloads.ReadAsync(new ConfigQuery(runId, shard, replica), ct).ConfigureAwait(false);
                return Results.Json(views, ConfigApiJson.Default.IReadOnlyListShardConfigsView);
            }
            catch (ArgumentException e)
            {
                return OperatorEndpoints.Error(StatusCodes.Status400BadRequest, "invalid_request", e.Message);
            }
            catch (KeyNotFoundException e)
            {
                return OperatorEndpoints.Error(StatusCodes.Status404NotFound, "not_found", e.Message);
            }
        });
        return api;
    }
}
