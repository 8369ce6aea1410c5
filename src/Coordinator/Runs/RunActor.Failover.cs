using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>A shard whose replica lost its ClickHouse mid-backup: failed, or retried once on a sibling (<see cref="FailoverDecisions"/>).</summary>
public sealed partial class RunActor
{
    /// <summary>Commits what an agent's report means; a failure because the replica's server was lost may become a retry.</summary>
    private async Task CommitReportAsync(IReadOnlyList<RunJournalEvent> events, OperationReport report)
    {
        if (events is [ShardFailed failed] && report.ServerLost)
        {
            var decided = FailoverDecisions.Decide(_run, failed, _services.Backup.Failover, _services.Registry.Candidates(failed.Shard),
                _services.Backup.ReplicaPriority, _services.Catalog.Layout);
            if (decided is ShardRetried retried)
            {
                FailoverLog.Retrying(_log, _run.RunId, retried.Shard, retried.FromReplica, retried.Replica, retried.OperationId);
                await CommitAsync([retried]);
                await StartDispatchedAsync(_run.Shard(retried.Shard));
                return;
            }
            events = [decided];
        }
        await CommitAndMaybeFinishAsync(events);
    }

    private static partial class FailoverLog
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
            Message = "run {RunId} shard {Shard}: replica {Lost}'s ClickHouse was lost mid-backup; retrying on replica {Replica} as {OperationId}")]
        public static partial void Retrying(ILogger logger, string runId, string shard, string lost, string replica, string operationId);
    }
}
