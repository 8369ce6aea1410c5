using Akka.Actor;
using Akka.Hosting;
using ClickVault.Cluster.Coordinator.Actors;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The use cases the restore endpoints call: plan and start a restore (or only plan it: dry run), look restores up. The
/// <see cref="RestoresActor"/> itself starts with the host's actor system.
/// </summary>
public sealed class RestoreRuntime(
    IOptions<CoordinatorOptions> coordinator,
    IOptions<BackupOptions> backup,
    CatalogStore catalog,
    IRequiredActor<RestoresActor> restores,
    CoordinatorRuntime runtime,
    AgentRegistry registry,
    AgentRequests requests,
    RunEventHub events,
    TimeProvider time) : IShardCatalogs
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Fire-and-forget to the restores actor (agent reports).</summary>
    public void Tell(object message) => restores.ActorRef.Tell(message, ActorRefs.NoSender);

    /// <summary>
    /// Plans the restore; a dry run returns the plan, otherwise the restore starts and its first view is returned.
    /// </summary>
    /// <exception cref="RestoreRefusedException">Bad request, unknown run, missing backup, non-empty tables, another restore running.</exception>
    public async Task<RestoreView> StartRestoreAsync(StartRestoreRequest request, CancellationToken cancellationToken)
    {
        var options = RestoreOptions.Parse(request);
        var id = await AllocateIdAsync(cancellationToken).ConfigureAwait(false);
        var plan = await Planning().PlanAsync(options, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return options.DryRun ? RestoreViews.From(plan, dryRun: true) : await BeginAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A fresh restore id (for a plan made with <see cref="Planning"/>).</summary>
    public Task<RestoreId> AllocateIdAsync(CancellationToken cancellationToken) =>
        restores.AskAsync<RestoreId, RestoresActor>(new AllocateRestoreId(), AskTimeout, cancellationToken);

    /// <summary>Plans restores of this cluster (nothing is changed).</summary>
    public RestorePlanning Planning() =>
        new(registry, this, catalog, requests, backup.Value, coordinator.Value.Cluster);

    /// <summary>Runs a planned restore (one restore at a time); its first view is returned.</summary>
    /// <exception cref="RestoreRefusedException">Another restore is running (restore_active).</exception>
    public async Task<RestoreView> BeginAsync(RestoreState plan, CancellationToken cancellationToken)
    {
        return await restores.AskAsync<object, RestoresActor>(new BeginRestore(plan), AskTimeout, cancellationToken).ConfigureAwait(false) switch
        {
            RestoreAccepted accepted => accepted.Restore,
            RestoreRejected rejected => throw RestoreRefusedException.Conflict(rejected.Code, rejected.Message),
            var other => throw new InvalidOperationException($"unexpected answer {other.GetType().Name}"),
        };
    }

    /// <summary>Waits until the restore ended (its event stream completes) and returns its final view.</summary>
    public async Task<RestoreView?> WaitAsync(string restoreId, CancellationToken cancellationToken)
    {
        await foreach (var _ in events.SubscribeAsync(restoreId, cancellationToken).ConfigureAwait(false))
        {
        }

        return await GetRestoreAsync(restoreId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RestoreView?> GetRestoreAsync(string restoreId, CancellationToken cancellationToken) =>
        (await restores.AskAsync<RestoreLookup, RestoresActor>(new GetRestore(restoreId), AskTimeout, cancellationToken).ConfigureAwait(false)).Restore;

    public Task<IReadOnlyList<RestoreView>> GetRestoresAsync(CancellationToken cancellationToken) =>
        restores.AskAsync<IReadOnlyList<RestoreView>, RestoresActor>(new GetRestores(), AskTimeout, cancellationToken);

    Task<ShardCatalog> IShardCatalogs.ReadAsync(ShardId shard, IReadOnlyDictionary<string, string> macros, CancellationToken cancellationToken) =>
        runtime.GetShardCatalogAsync(shard, macros, cancellationToken);
}

/// <summary>
/// Where the agent endpoint hands what concerns restores: reports of restore operations (ids <c>restore-...</c>),
/// <see cref="RestoreCompleted"/>/<see cref="RestoreFailed"/>, replies to requests, and agents (re)joining.
/// </summary>
public sealed partial class RestoreInbox(AgentRequests requests, RestoreRuntime restores, ILogger<RestoreInbox> logger)
{
    public static bool Concerns(OperationReport report) => RestoreId.IsRestoreOperation(report?.OperationId ?? "");

    public void Reported(string shard, string replica, OperationReport report, string? error = null) =>
        restores.Tell(new RestoreAgentReported(shard, replica, report, error));

    public void Joined(string shard, string replica) => restores.Tell(new RestoreAgentJoined(shard, replica));

    public void Replied(string shard, string replica, IAgentReply reply)
    {
        if (!requests.Complete(shard, replica, reply))
        {
            Log.Unexpected(logger, reply.GetType().Name, reply.RequestId.Value, shard, replica);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "{Reply} {RequestId} from {Shard}/{Replica} answers no waiting request (late, or not asked of this agent): ignored")]
        public static partial void Unexpected(ILogger logger, string reply, string requestId, string shard, string replica);
    }
}
