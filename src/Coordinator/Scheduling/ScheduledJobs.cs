using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// Work the scheduler can start when a slot of <c>schedule.{key}</c> is due. Registered under its schedule key with
/// <see cref="ScheduledJobServiceCollectionExtensions.AddScheduledJob{TJob}"/>; a cron configured for a key without a
/// registered job fails start-up validation.
/// </summary>
public interface IScheduledJob
{
    /// <summary>
    /// Starts (or runs) one execution. Return <see cref="ScheduledJobStatus.Skipped"/> when work of this kind is already
    /// active: the slot is dropped, not queued. Long work may run to completion here; the scheduler counts it as active
    /// until the task completes and skips this job's slots meanwhile.
    /// </summary>
    /// <param name="slot">The due slot this execution is for (the latest one when several were missed).</param>
    Task<ScheduledJobOutcome> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken);
}

public enum ScheduledJobStatus
{
    /// <summary>The work began (e.g. a run was accepted) or ran to its end.</summary>
    Started,

    /// <summary>Work of this kind was already active; nothing was started.</summary>
    Skipped,

    /// <summary>The work could not be started or failed.</summary>
    Failed,
}

/// <summary>What one scheduled execution did; <see cref="Message"/> is logged (never a secret).</summary>
public sealed record ScheduledJobOutcome(ScheduledJobStatus Status, string Message)
{
    public static ScheduledJobOutcome Started(string message) => new(ScheduledJobStatus.Started, message);

    public static ScheduledJobOutcome Skipped(string message) => new(ScheduledJobStatus.Skipped, message);

    public static ScheduledJobOutcome Failed(string message) => new(ScheduledJobStatus.Failed, message);
}

/// <summary>Marks that a job is registered under <see cref="Key"/> (what start-up validation checks crons against).</summary>
public sealed record ScheduledJobRegistration(string Key);

public static class ScheduledJobServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TJob"/> as the job of <c>schedule.{key}</c> (one of <see cref="ScheduleSettings.JobKeys"/>).</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string key)
        where TJob : class, IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!ScheduleSettings.JobKeys.Contains(key, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a schedule key ({string.Join(", ", ScheduleSettings.JobKeys)})", nameof(key));
        }

        services.AddSingleton(new ScheduledJobRegistration(key));
        services.AddKeyedSingleton<IScheduledJob, TJob>(key);
        return services;
    }
}
