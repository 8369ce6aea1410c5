using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Coordinator.Restores;

public static class RestoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers restores: agent request/reply, the restore use cases, the transport's
    /// inbox, and <see cref="IRestoreUsage"/> for retention.
    /// </summary>
    public static IServiceCollection AddClickVaultRestores(this IServiceCollection services)
    {
        services.AddSingleton<AgentRequests>();
        services.AddSingleton<RestoreUsage>();
        services.AddSingleton<IRestoreUsage>(sp => sp.GetRequiredService<RestoreUsage>());
        services.AddSingleton<RestoreRuntime>();
        services.AddSingleton<RestoreInbox>();
        return services;
    }
}
