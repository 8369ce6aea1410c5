using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Pure decisions of a run: what an agent's report or a finished shard means for the run's state.</summary>
public static class RunDecisions
{
    /// <summary>
    /// Whether these events change what a restarted coordinator must know to resume the run. Progress figures do not (it asks
    /// the agents), so a run of many shards does not write its journal once per shard and poll.
    /// </summary>
    public static bool Journaled(IReadOnlyList<RunJournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Any(e => e is not ShardProgressed);
    }

    /// <summary>
    /// A report from <paramref name="replica"/> about one operation. Reports for another replica, an unknown
    /// operation, or a shard already finished change nothing (late or duplicate messages are harmless).
    /// </summary>
    public static IReadOnlyList<RunJournalEvent> OnReport(
        RunState run, string replica, OperationReport report, DateTimeOffset now, IReadOnlyList<BackupTableFigures>? tables = null)
    {
        var shard = run.ByOperation(report.OperationId);
        if (shard is null || shard.IsTerminal || shard.Replica != replica)
        {
            return [];
        }
        return report.State switch
        {
            OperationState.Running when shard.LastReport != report => [new ShardProgressed(now, shard.Shard, report)],
            OperationState.Succeeded => [new ShardSucceeded(now, shard.Shard, report) { Tables = tables }],
            OperationState.Failed or OperationState.Cancelled =>
                [new ShardFailed(now, shard.Shard, CancelDecisions.Explain(run,
                    report.Error.Length > 0 ? report.Error : $"backup {report.State.ToString().ToLowerInvariant()}"))],
            _ => [],
        };
    }

    /// <summary>An explicit failure report (BackupFailed carries ClickHouse's error text).</summary>
    public static IReadOnlyList<RunJournalEvent> OnFailure(RunState run, string replica, OperationReport report, string error, DateTimeOffset now)
    {
        var shard = run.ByOperation(report.OperationId);
        return shard is null || shard.IsTerminal || shard.Replica != replica
            ? []
            : [new ShardFailed(now, shard.Shard, CancelDecisions.Explain(run, error))];
    }

    /// <summary>The run ends once every shard is terminal.</summary>
    public static IReadOnlyList<RunJournalEvent> MaybeFinish(RunState run, DateTimeOffset now) =>
        !run.IsFinished && run.AllShardsTerminal ? [new RunFinished(now)] : [];
}
