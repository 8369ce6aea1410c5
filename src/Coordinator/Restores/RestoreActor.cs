using Akka.Actor;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// One restore: per target replica drops the tables <c>--replace</c> names, dispatches <c>RESTORE ... ASYNC</c> under the
/// replica's fixed id, folds the agents' reports into <see cref="RestoreState"/> with the pure <see cref="RestoreDecisions"/>,
/// publishes every change as an event (same stream as runs, keyed by the restore id), and at the end tells its parent.
/// </summary>
public sealed partial class RestoreActor : ReceiveActor
{
    private readonly RestoreServices _services;
    private readonly ILogger _log;
    private RestoreState _state;

    public RestoreActor(RestoreState plan, RestoreServices services)
    {
        _state = plan;
        _services = services;
        _log = services.Loggers.CreateLogger<RestoreActor>();
        ReceiveAsync<BeginRestoreWork>(_ => BeginAsync());
        ReceiveAsync<RestoreAgentReported>(OnReportAsync);
        ReceiveAsync<RestoreAgentJoined>(OnJoinedAsync);
    }

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    protected override void PreStart() => Self.Tell(new BeginRestoreWork());

    private async Task BeginAsync()
    {
        Publish(null, "restore.started",
            $"restore {_state.RestoreId} of run {_state.Run} started for shards {string.Join(", ", _state.Shards.Select(s => s.Shard))}" +
            (_state.AsDatabase is { } renamed ? $" as database {renamed}" : "") + (_state.Replace ? ", replacing existing tables" : ""));
        foreach (var shard in _state.Shards)
        {
            Publish(shard.Shard, "shard.planned",
                $"shard {shard.Shard}: {shard.Source.Kind} backup {shard.Source.RunId} (chain {string.Join(" → ", shard.Source.Chain)}), " +
                $"restoring {string.Join(", ", shard.Tables)} on {string.Join(", ", shard.Replicas.Select(r => r.Replica))} ({shard.ReplicaChoice})");
        }

        foreach (var target in _state.Shards.SelectMany(s => s.Replicas.Select(r => new RestoreTarget(s, r))).ToList())
        {
            await DropAsync(target);
            if (_state.ByOperation(target.Replica.OperationId) is { Replica.IsTerminal: false } ready)
            {
                await DispatchAsync(ready);
            }
        }

        await CommitAndMaybeFinishAsync([]);
    }

    private async Task DropAsync(RestoreTarget target)
    {
        var (shard, replica) = (target.Shard.Shard, target.Replica.Replica);
        if (target.Replica.Drops.Count == 0)
        {
            return;
        }

        await CommitAsync([new ReplicaDropping(Now, shard, replica)]);
        try
        {
            var dropped = await _services.Requests.AskAsync<TablesDropped>(shard, replica,
                id => new DropTables(id, target.Replica.Drops, []), AgentRequests.DefaultTimeout, CancellationToken.None);
            if (dropped.Error is { } error)
            {
                await CommitAsync([new ReplicaFailed(Now, shard, replica, $"dropping the existing tables failed after {dropped.Tables.Count} of {target.Replica.Drops.Count}: {error}")]);
                return;
            }

            Publish(shard, "shard.dropped", $"shard {shard} {replica}: dropped {string.Join(", ", dropped.Tables)} (--replace)");
        }
        catch (AgentRequestException e)
        {
            await CommitAsync([new ReplicaFailed(Now, shard, replica, $"dropping the existing tables failed: {e.Message}")]);
        }
    }

    private async Task DispatchAsync(RestoreTarget target)
    {
        var (shard, replica) = (target.Shard.Shard, target.Replica.Replica);
        await CommitAsync([new ReplicaDispatched(Now, shard, replica)]);
        if (!await SendStartAsync(target.Shard, target.Replica))
        {
            await CommitAsync([new ReplicaFailed(Now, shard, replica, $"agent {replica} disconnected before the restore could be dispatched")]);
        }
    }

    private ValueTask<bool> SendStartAsync(RestoreShardState shard, RestoreReplicaState replica) =>
        _services.Registry.SendAsync(shard.Shard, replica.Replica,
            new StartRestore(new OperationId(replica.OperationId), shard.Spec, _services.PollInterval), CancellationToken.None);

    private async Task OnReportAsync(RestoreAgentReported reported)
    {
        if (reported.Report.State == OperationState.Unknown && _state.ByOperation(reported.Report.OperationId) is { } target
            && !target.Replica.IsTerminal && target.Replica.Replica == reported.Replica && target.Replica.Phase != ReplicaPhase.Planned)
        {
            // The server has no record: the command never reached ClickHouse. The agent starts it only if ClickHouse
            // still does not know the id, so this cannot restore twice.
            Publish(target.Shard.Shard, "shard.redispatch", $"shard {target.Shard.Shard}: {reported.Replica} has no record of {target.Replica.OperationId}; dispatching it");
            await SendStartAsync(target.Shard, target.Replica);
            return;
        }

        var events = reported.Error is { } error
            ? RestoreDecisions.OnFailure(_state, reported.Replica, reported.Report, error, Now)
            : RestoreDecisions.OnReport(_state, reported.Replica, reported.Report, Now);
        await CommitAndMaybeFinishAsync(events);
    }

    private async Task OnJoinedAsync(RestoreAgentJoined joined)
    {
        foreach (var shard in _state.Shards.Where(s => s.Shard == joined.Shard))
        {
            foreach (var replica in shard.Replicas.Where(r => r.Replica == joined.Replica && r.Phase is ReplicaPhase.Dispatched or ReplicaPhase.Running))
            {
                await _services.Registry.SendAsync(shard.Shard, replica.Replica, new QueryOperations([replica.OperationId]), CancellationToken.None);
            }
        }
    }

    private Task CommitAsync(IReadOnlyList<RestoreEvent> events)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var e in events)
        {
            _state = _state.Apply(e);
        }

        Context.Parent.Tell(new RestoreSnapshot(_state), Self);
        foreach (var e in events)
        {
            if (Describe(e) is ({ } shard, { } kind, var message))
            {
                Publish(shard, kind, message);
            }

            if (e is ReplicaFailed failed)
            {
                Log.ReplicaFailed(_log, _state.RestoreId, failed.Shard, failed.Replica, failed.Error);
            }
        }

        return Task.CompletedTask;
    }

    private static (string? Shard, string? Kind, string Message) Describe(RestoreEvent e) => e switch
    {
        ReplicaDropping d => (d.Shard, "shard.dropping", $"shard {d.Shard} {d.Replica}: dropping the existing target tables (--replace)"),
        ReplicaDispatched d => (d.Shard, "shard.dispatched", $"shard {d.Shard}: restore dispatched to {d.Replica}"),
        ReplicaProgressed p => (p.Shard, "shard.progress", $"shard {p.Shard} {p.Replica}: {p.Report.FilesRead} files, {p.Report.BytesRead} of {p.Report.TotalSize} bytes read"),
        ReplicaSucceeded s => (s.Shard, "shard.succeeded", $"shard {s.Shard} {s.Replica}: restored, {s.Report.FilesRead} files, {s.Report.BytesRead} bytes read"),
        ReplicaFailed f => (f.Shard, "shard.failed", $"shard {f.Shard} {f.Replica}: {f.Error}"),
        _ => (null, null, ""),
    };

    private async Task CommitAndMaybeFinishAsync(IReadOnlyList<RestoreEvent> events)
    {
        await CommitAsync(events);
        var finish = RestoreDecisions.MaybeFinish(_state, Now);
        if (finish.Count == 0)
        {
            return;
        }

        await CommitAsync(finish);
        Log.Finished(_log, _state.RestoreId, _state.Outcome);
        Publish(null, "restore.finished", $"restore {_state.RestoreId} {_state.Outcome}");
        Context.Parent.Tell(new RestoreEnded(_state), Self);
        _services.Events.Complete(_state.RestoreId);
        Context.Stop(Self);
    }

    private void Publish(string? shard, string kind, string message) =>
        _services.Events.Publish(_state.RestoreId, shard, kind, message,
            shard is null ? null : RestoreViews.AsRunShard(_state.Shards.First(s => s.Shard == shard)), Now);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3081, Level = LogLevel.Warning, Message = "restore {RestoreId} shard {Shard} replica {Replica} failed: {Error}")]
        public static partial void ReplicaFailed(ILogger logger, string restoreId, string shard, string replica, string error);

        [LoggerMessage(EventId = 3082, Level = LogLevel.Information, Message = "restore {RestoreId} finished: {Outcome}")]
        public static partial void Finished(ILogger logger, string restoreId, string outcome);
    }
}
