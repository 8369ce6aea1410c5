using ClickVault.Cluster.Coordinator.Describe;
using ClickVault.Cluster.Coordinator.Freshness;
using ClickVault.Cluster.Coordinator.Runs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>The operator tools behind describe, check, logs and cancel: their use cases and their routes.</summary>
public static class OperatorToolsServices
{
    public static IServiceCollection AddClickVaultOperatorTools(this IServiceCollection services)
    {
        services.AddSingleton<RunDescriber>();
        services.AddSingleton<FreshnessCheck>();
        services.AddSingleton<RunLogReader>();
        return services;
    }

    /// <summary>Maps the routes on the token-protected operator group.</summary>
    public static IEndpointRouteBuilder MapOperatorToolsApi(this IEndpointRouteBuilder api) =>
        api.MapDescribeApi().MapCheckApi().MapRunLogApi().MapCancelApi();
}
