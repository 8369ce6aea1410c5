using ClickVault.Cluster.Coordinator.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>schedule</c> (at start-up: every cron must parse and name a registered job), registers the
    /// backup job under <c>schedule.backup</c> (the scheduler actor starts with the actor system). Other jobs register with
    /// <see cref="ScheduledJobServiceCollectionExtensions.AddScheduledJob{TJob}"/>.
    /// </summary>
    public static IServiceCollection AddClickVaultScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScheduleSettings>().Bind(configuration.GetSection(ScheduleSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleSettings>, ScheduleSettingsValidator>();
        services.TryAddSingleton<AgentReadiness>();
        services.TryAddSingleton<IClusterRuns, RuntimeClusterRuns>();
        services.AddScheduledJob<BackupScheduledJob>(BackupScheduledJob.Key);
        return services;
    }
}
