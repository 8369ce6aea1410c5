using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator;

/// <summary>
/// The coordinator's actor system (shard region + runs) and the use cases the HTTP endpoints call. Started and
/// stopped with the host; a restart resumes an open run from the journal.
/// </summary>
public sealed class CoordinatorRuntime(
    IOptions<CoordinatorOptions> coordinator,
    IOptions<BackupOptions> backup,
    IObjectStore store,
    CatalogStore catalog,
    AgentRegistry registry,
    RunEventHub events,
    NotificationDispatcher notifications,
    ConfigArchive configs,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    TimeProvider time,
    IServiceProvider services) : IHostedService, IAsyncDisposable
{
    public const string Version = "0.1.0";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private ActorSystem? _system;
    private ActorRef? _runs;
    private ActorRef? _region;

    public BackupLayout Layout => catalog.Layout;

    public static BackupLayout LayoutOf(CoordinatorOptions coordinator, BackupOptions backup) =>
        new(new LayoutOptions(backup.Prefix, new ClusterName(coordinator.Cluster), backup.ShardPathTemplate));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var policy = new PlanningPolicy(backup.Value.FullBackupIntervalDays, backup.Value.MaxChainDepth);
        // Resolved now, not injected: a listener (auto-cleanup) may itself depend on this runtime.
        var finished = services.GetServices<IRunFinishedListener>().ToList();
        var runServices = new RunServices(registry, catalog, new RunJournal(store, Layout), events, backup.Value, policy, notifications,
            new RunEventArchive(store, Layout), configs, finished, lifetime.ApplicationStopping);
        _system = new ActorSystem("coordinator", loggers, time);
        _region = _system.Spawn(() => new ShardRegionActor(catalog, policy), "shards");
        _runs = _system.Spawn(() => new RunsActor(coordinator.Value.Cluster, _region, runServices), "runs");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is not null)
        {
            await _system.StopAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _system?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Fire-and-forget to the runs actor (agent reports).</summary>
    public void Tell(object message) => Runs.Tell(message);

    public async Task<object> StartRunAsync(StartRunRequest request, string trigger, CancellationToken cancellationToken) =>
        await Runs.Ask<object>(new StartRun(request.Full, request.Shards, trigger), AskTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<RunView?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        (await Runs.Ask<RunLookup>(new GetRun(runId), AskTimeout, cancellationToken).ConfigureAwait(false)).Run;

    public Task<RunsOverview> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        Runs.Ask<RunsOverview>(new GetRuns(limit), AskTimeout, cancellationToken);

    /// <summary>Asks the runs actor (operator use cases in their own classes: cancel, ...).</summary>
    public Task<T> AskRunsAsync<T>(object message, CancellationToken cancellationToken) =>
        Runs.Ask<T>(message, AskTimeout, cancellationToken);

    /// <summary>Every successful backup from the shard catalog indexes, filtered.</summary>
    public async Task<IReadOnlyList<BackupView>> ListBackupsAsync(string? shard, BackupKind? kind, string? run, CancellationToken cancellationToken)
    {
        var shards = registry.Members().GroupBy(m => m.Identity.Shard)
            .Select(g => (Shard: g.Key, Macros: g.First().Identity.Macros))
            .Where(s => shard is null || s.Shard == shard);
        var views = new List<BackupView>();
        foreach (var (id, macros) in shards)
        {
            var index = await Region.Ask<ShardCatalog>(new ShardEnvelope(new ShardId(id), new GetShardCatalog(macros)), AskTimeout, cancellationToken).ConfigureAwait(false);
            views.AddRange(index.Backups
                .Where(b => (kind is null || b.Kind == kind) && (run is null || b.RunId.Value == run))
                .Select(b => new BackupView(id, b.RunId.Value, BackupLayout.KindSegment(b.Kind), b.BaseRunId?.Value, b.Replica, b.ChainDepth,
                    b.NumFiles, b.TotalSize, b.UncompressedSize, b.StartedAt, b.FinishedAt, b.Prefix) { LastVerified = LastVerifiedView.From(b.LastVerified) }));
        }
        return [.. views.OrderBy(v => v.Shard, StringComparer.Ordinal).ThenBy(v => v.RunId, StringComparer.Ordinal)];
    }

    /// <summary>The shard region: the chain entity of each shard, the only writer of that shard's catalog.json.</summary>
    public ActorRef ShardRegion => Region;

    /// <summary>A shard's catalog index, through its chain entity (which serializes every change of it).</summary>
    public Task<ShardCatalog> GetShardCatalogAsync(ShardId shard, IReadOnlyDictionary<string, string> macros, CancellationToken cancellationToken) =>
        Region.Ask<ShardCatalog>(new ShardEnvelope(shard, new GetShardCatalog(macros)), AskTimeout, cancellationToken);

    private ActorRef Runs => _runs ?? throw new InvalidOperationException("the coordinator runtime is not started");

    private ActorRef Region => _region ?? throw new InvalidOperationException("the coordinator runtime is not started");
}
