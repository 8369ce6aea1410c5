using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>An operator's cancel request (<see cref="CancelDecisions"/>): journaled first, then each dispatched shard's replica is told to stop.</summary>
public sealed partial class RunActor
{
    private async Task CancelAsync()
    {
        var replyTo = Sender;
        if (_run.IsFinished)
        {
            replyTo.Tell(new RunCancelRejected("run_not_active", $"run {_run.RunId} already finished {_run.Outcome}"), Self);
            return;
        }
        var before = _run;
        await CommitAsync(CancelDecisions.OnCancel(_run, Now));
        var actions = new List<ShardCancelView>();
        foreach (var shard in _run.Shards)
        {
            if (before.Shard(shard.Shard).IsTerminal)
            {
                actions.Add(new ShardCancelView(shard.Shard, shard.Replica, "finished", $"already {RunViews.Shard(shard).State}"));
            }
            else if (shard.IsTerminal)
            {
                actions.Add(new ShardCancelView(shard.Shard, shard.Replica, "not_dispatched", shard.Error ?? CancelDecisions.CancelledByOperator));
            }
            else if (await SignalCancelAsync(shard))
            {
                actions.Add(new ShardCancelView(shard.Shard, shard.Replica, "signalled",
                    $"replica {shard.Replica} was told to kill backup {shard.OperationId}; a backup that is nearly done may still succeed"));
            }
            else
            {
                var failed = CancelDecisions.Unreachable(shard, Now);
                await CommitAsync([failed]);
                actions.Add(new ShardCancelView(shard.Shard, shard.Replica, "unreachable", failed.Error));
            }
        }
        replyTo.Tell(new RunCancelAccepted(new CancelRunView(RunViews.From(_run), actions)), Self);
        await CommitAndMaybeFinishAsync([]);
    }

    /// <summary>Sends CancelOperation to the shard's replica (the agent runs KILL QUERY); false when the agent is not connected.</summary>
    private async Task<bool> SignalCancelAsync(ShardState shard)
    {
        var sent = await _services.Registry.SendAsync(shard.Shard, shard.Replica!, new CancelOperation(new OperationId(shard.OperationId!)), CancellationToken.None);
        if (sent)
        {
            Publish(shard.Shard, "shard.cancel", $"shard {shard.Shard}: asked replica {shard.Replica} to kill backup {shard.OperationId}");
        }
        return sent;
    }
}
