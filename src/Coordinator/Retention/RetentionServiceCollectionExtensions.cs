using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>retention</c> section (at start-up), registers the retention use cases, the active
    /// run as a source of backups in use, and auto-cleanup after runs.
    /// </summary>
    public static IServiceCollection AddClickVaultRetention(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IBackupsInUse, ActiveRunBackupsInUse>();
        services.AddSingleton<IBackupsInUse, RestoreBackupsInUse>();
        services.AddSingleton(sp => new AllBackupsInUse(sp.GetServices<IBackupsInUse>()));
        services.AddSingleton<RetentionService>();
        services.AddSingleton<IRunFinishedListener, AutoCleanup>();
        services.AddScheduledJob<CleanupScheduledJob>(CleanupScheduledJob.Key);
        return services;
    }
}
