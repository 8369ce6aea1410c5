using ClickVault.Cluster.Coordinator.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.RunOnce;

/// <summary>Present in the services when the process runs with <c>--run-once</c> (the scheduler then stays idle).</summary>
public sealed record RunOnceMode;

public static class RunOnceServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>run_once</c> (at start-up) and registers <see cref="RunOnceUseCase"/>.</summary>
    public static IServiceCollection AddClickVaultRunOnce(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RunOnceOptions>().Bind(configuration.GetSection(RunOnceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunOnceOptions>, RunOnceOptionsValidator>();
        services.TryAddSingleton<AgentReadiness>();
        services.AddSingleton<RunOnceUseCase>();
        return services;
    }
}
