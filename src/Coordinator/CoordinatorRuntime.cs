using Akka.Actor;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Actors;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator;

/// <summary>
/// The use cases the HTTP endpoints call on the coordinator's actors (runs, shard chains); the actors themselves are
/// started with the host's actor system (<see cref="CoordinatorActorSystem"/>), and a start resumes an open run from the journal.
/// </summary>
public sealed class CoordinatorRuntime(
    IRequiredActor<RunsActor> runs,
    IRequiredActor<ChainActor> region,
    CatalogStore catalog,
    AgentRegistry registry)
{
    public const string Version = "0.1.0";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public BackupLayout Layout => catalog.Layout;

    public static BackupLayout LayoutOf(CoordinatorOptions coordinator, BackupOptions backup) =>
        new(new LayoutOptions(backup.Prefix, new ClusterName(coordinator.Cluster), backup.ShardPathTemplate));

    /// <summary>Fire-and-forget to the runs actor (agent reports).</summary>
    public void Tell(object message) => runs.ActorRef.Tell(message, ActorRefs.NoSender);

    public async Task<object> StartRunAsync(StartRunRequest request, string trigger, CancellationToken cancellationToken) =>
        await runs.AskAsync<object, RunsActor>(new StartRun(request.Full, request.Shards, trigger), AskTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<RunView?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        (await runs.AskAsync<RunLookup, RunsActor>(new GetRun(runId), AskTimeout, cancellationToken).ConfigureAwait(false)).Run;

    public Task<RunsOverview> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        runs.AskAsync<RunsOverview, RunsActor>(new GetRuns(limit), AskTimeout, cancellationToken);

    /// <summary>Asks the runs actor (operator use cases in their own classes: cancel, ...).</summary>
    public Task<T> AskRunsAsync<T>(object message, CancellationToken cancellationToken) =>
        runs.AskAsync<T, RunsActor>(message, AskTimeout, cancellationToken);

    /// <summary>Every successful backup from the shard catalog indexes, filtered.</summary>
    public async Task<IReadOnlyList<BackupView>> ListBackupsAsync(string? shard, BackupKind? kind, string? run, CancellationToken cancellationToken)
    {
        var shards = registry.Members().GroupBy(m => m.Identity.Shard)
            .Select(g => (Shard: g.Key, Macros: g.First().Identity.Macros))
            .Where(s => shard is null || s.Shard == shard);
        var views = new List<BackupView>();
        foreach (var (id, macros) in shards)
        {
            var index = await GetShardCatalogAsync(new ShardId(id), macros, cancellationToken).ConfigureAwait(false);
            views.AddRange(index.Backups
                .Where(b => (kind is null || b.Kind == kind) && (run is null || b.RunId.Value == run))
                .Select(b => new BackupView(id, b.RunId.Value, BackupLayout.KindSegment(b.Kind), b.BaseRunId?.Value, b.Replica, b.ChainDepth,
                    b.NumFiles, b.TotalSize, b.UncompressedSize, b.StartedAt, b.FinishedAt, b.Prefix) { LastVerified = LastVerifiedView.From(b.LastVerified) }));
        }
        return [.. views.OrderBy(v => v.Shard, StringComparer.Ordinal).ThenBy(v => v.RunId, StringComparer.Ordinal)];
    }

    /// <summary>The shard region: the chain entity of each shard, the only writer of that shard's catalog.json.</summary>
    public IActorRef ShardRegion => region.ActorRef;

    /// <summary>A shard's catalog index, through its chain entity (which serializes every change of it).</summary>
    public Task<ShardCatalog> GetShardCatalogAsync(ShardId shard, IReadOnlyDictionary<string, string> macros, CancellationToken cancellationToken) =>
        region.AskAsync<ShardCatalog, ChainActor>(new ShardEnvelope(shard, new GetShardCatalog(macros)), AskTimeout, cancellationToken);
}
