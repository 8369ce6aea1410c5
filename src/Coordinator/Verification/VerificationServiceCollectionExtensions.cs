using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Coordinator.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Coordinator.Verification;

public static class VerificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers verification: the use case, what it reads as backups in use for retention, and the <c>verify</c> scheduled job.
    /// </summary>
    public static IServiceCollection AddClickVaultVerification(this IServiceCollection services)
    {
        services.AddSingleton<VerificationUsage>();
        services.AddSingleton<IBackupsInUse>(sp => sp.GetRequiredService<VerificationUsage>());
        services.AddSingleton<VerificationService>();
        services.AddScheduledJob<VerifyScheduledJob>(VerifyScheduledJob.Key);
        return services;
    }
}
