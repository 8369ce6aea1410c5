using ClickVault.Cluster.Coordinator.RunOnce;
using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// Hosts the <see cref="SchedulerActor"/> for the crons of the <c>schedule</c> section (after the runtime started).
/// Idle when nothing is scheduled and in <c>--run-once</c> mode.
/// </summary>
public sealed class SchedulerService(
    IOptions<ScheduleSettings> settings,
    IServiceProvider services,
    CoordinatorRuntime runtime,
    IObjectStore store,
    ILoggerFactory loggers,
    TimeProvider time) : IHostedService, IAsyncDisposable
{
    private ActorSystem? _system;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var entries = settings.Value.Entries;
        if (entries.Count == 0 || services.GetService<RunOnceMode>() is not null)
        {
            return Task.CompletedTask;
        }
        // Validated at start-up: every entry parses and has a registered job.
        var schedules = entries.Select(e => ScheduleOptionsValidator.TryCreate(e, out _)!).ToList();
        var jobs = entries.ToDictionary(e => e.Name, e => services.GetRequiredKeyedService<IScheduledJob>(e.Name), StringComparer.Ordinal);
        _system = new ActorSystem("scheduler", loggers, time);
        _system.Spawn(() => new SchedulerActor(schedules, jobs, new ScheduleStateStore(store, runtime.Layout)), "scheduler");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _system?.StopAsync() ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _system?.DisposeAsync() ?? ValueTask.CompletedTask;
}
