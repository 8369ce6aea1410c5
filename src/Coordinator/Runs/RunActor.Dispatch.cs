using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Planning and dispatching shards: each step journaled once for all shards, then acted on.</summary>
public sealed partial class RunActor
{
    /// <summary>Asks every shard's chain entity for its plan at once (each is its own mailbox), then journals all plans in one write.</summary>
    private async Task PlanAllAsync(IReadOnlyList<ShardState> shards)
    {
        if (shards.Count == 0)
        {
            return;
        }

        var answers = await Task.WhenAll(shards.Select(PlanOneAsync));
        await CommitAsync(answers);
    }

    private async Task<RunJournalEvent> PlanOneAsync(ShardState shard)
    {
        var macros = _services.Registry.Members().FirstOrDefault(m => m.Identity.Shard == shard.Shard)?.Identity.Macros
                     ?? new Dictionary<string, string>();
        var answer = await _region.Ask<object>(
            new ShardEnvelope(new ShardId(shard.Shard), new PlanShard(RunId.Parse(_run.RunId), _run.FullRequested, macros)),
            AskTimeout);
        return answer is ShardPlanResult result
            ? new ShardPlanned(Now, shard.Shard, result.ShardPath, BackupLayout.KindSegment(result.Plan.Kind), result.Plan.Base?.RunId.Value,
                result.BasePrefix, result.Prefix, result.Plan.ChainDepth, result.Plan.Reason, result.Previous)
            : new ShardFailed(Now, shard.Shard, answer is ChainFailure f ? f.Message : $"unexpected answer {answer.GetType().Name}");
    }

    /// <summary>
    /// Chooses one replica per planned shard, journals every choice in one write, then asks for configurations and sends the
    /// starts. A shard without a live agent fails, or, in a resumed run, waits <c>backup.agent_wait</c> for one.
    /// </summary>
    private async Task DispatchAllAsync(IReadOnlyList<ShardState> shards)
    {
        if (shards.Count == 0 || _services.Stopping.IsCancellationRequested)
        {
            // Shutting down, the agents' sessions are closing: a missing agent now says nothing about a shard. Planned shards
            // stay planned in the journal and the next coordinator dispatches them.
            return;
        }

        var events = new List<RunJournalEvent>();
        foreach (var shard in shards)
        {
            var choice = ReplicaSelector.Choose(_services.Registry.Candidates(shard.Shard), _services.Backup.ReplicaPriority, shard.Previous,
                _services.Backup.ReplicaPolicy);
            if (!choice.Found && _resumed && Now - _startedAt < _services.Backup.AgentWait)
            {
                // A resumed run starts before the agents have reconnected: give them backup.agent_wait to come back.
                Timers.StartSingleTimer("dispatch-" + shard.Shard, new RetryDispatch(shard.Shard), TimeSpan.FromMilliseconds(250));
                continue;
            }

            events.Add(choice.Found
                ? new ShardDispatched(Now, shard.Shard, choice.Replica!, OperationId.ForBackup(RunId.Parse(_run.RunId), new ShardId(shard.Shard)).Value, choice.Reason)
                : new ShardFailed(Now, shard.Shard, $"no live agent for shard {shard.Shard}: {choice.Reason}"));
        }

        if (events.Count == 0)
        {
            return;
        }

        await CommitAndMaybeFinishAsync(events);
        foreach (var dispatched in events.OfType<ShardDispatched>())
        {
            await StartDispatchedAsync(_run.Shard(dispatched.Shard));
        }
    }

    /// <summary>Acts on a journaled dispatch (a first one or a retry): the replicas' configurations under the backup's folder, then the start.</summary>
    private async Task StartDispatchedAsync(ShardState shard)
    {
        _services.Registry.BackupDispatched(shard.Shard, shard.Replica!);
        await CollectConfigsAsync(shard, new OperationId(shard.OperationId!));
        if (!await SendStartAsync(shard) && !_services.Stopping.IsCancellationRequested)
        {
            await CommitAndMaybeFinishAsync([new ShardFailed(Now, shard.Shard,
                $"agent {shard.Replica} disconnected before {shard.OperationId} could be dispatched")]);
        }
    }

    /// <summary>
    /// Asks every connected replica of the shard for its configuration directory, the backing-up replica first: an agent
    /// answers a command before reading the next, so that replica's files are stored before its backup can be recorded.
    /// </summary>
    private async Task CollectConfigsAsync(ShardState shard, OperationId operation)
    {
        if (!_services.Backup.ConfigFiles)
        {
            return;
        }
        var replicas = _services.Registry.Candidates(shard.Shard).Where(c => c.Connected).Select(c => c.Replica)
            .OrderBy(r => r == shard.Replica ? 0 : 1).ThenBy(r => r, StringComparer.Ordinal);
        foreach (var replica in replicas)
        {
            _services.Configs.Expect(operation, shard.Shard, replica, shard.Prefix!);
            await _services.Registry.SendAsync(shard.Shard, replica, new CollectConfig(operation), CancellationToken.None);
        }
    }

    private ValueTask<bool> SendStartAsync(ShardState shard)
    {
        var start = new StartBackup(new OperationId(shard.OperationId!), RunId.Parse(_run.RunId), new ShardId(shard.Shard),
            _run.Databases, Destination(shard.Prefix!), shard.BasePrefix is { } b ? Destination(b) : null, _services.Backup.PollInterval,
            _services.Backup.AccessEntities) { ClickHouseUnreachableTimeout = _services.Backup.ClickHouseUnreachableTimeout };
        return _services.Registry.SendAsync(shard.Shard, shard.Replica!, start, CancellationToken.None);
    }

    private DestinationSpec Destination(string prefix) => DestinationSpecs.For(_services.Backup, prefix);
}
