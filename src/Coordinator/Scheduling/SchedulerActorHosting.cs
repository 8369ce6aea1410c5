using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.RunOnce;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Scheduling;

public static class SchedulerActorHosting
{
    /// <summary>
    /// Starts the <see cref="SchedulerActor"/> for the crons of the <c>schedule</c> section; nothing when nothing is
    /// scheduled and in <c>--run-once</c> mode.
    /// </summary>
    public static AkkaConfigurationBuilder WithSchedulerActor(this AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        var entries = provider.GetRequiredService<IOptions<ScheduleSettings>>().Value.Entries;
        if (entries.Count == 0 || provider.GetService<RunOnceMode>() is not null)
        {
            return builder;
        }
        // A singleton: one node of the tier fires the crons (and its marks in S3 survive a hand-over).
        return builder.WithSingleton<SchedulerActor>("scheduler", (_, _, _) =>
        {
            // Validated at start-up: every entry parses and has a registered job.
            var schedules = entries.Select(e => ScheduleOptionsValidator.TryCreate(e, out _)!).ToList();
            var jobs = entries.ToDictionary(e => e.Name, e => provider.GetRequiredKeyedService<IScheduledJob>(e.Name), StringComparer.Ordinal);
            var store = new ScheduleStateStore(provider.GetRequiredService<IObjectStore>(), provider.GetRequiredService<CatalogStore>().Layout);
            var time = provider.GetRequiredService<TimeProvider>();
            var log = provider.GetRequiredService<ILogger<SchedulerActor>>();
            return Props.Create(() => new SchedulerActor(schedules, jobs, store, time, log));
        }, CoordinatorTier.Singleton, createProxyToo: false);
    }
}
