namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// Pure decisions of an operator's cancel request. A cancel never forces an outcome: a dispatched backup is asked to stop
/// (KILL QUERY on the replica) and the shard ends with whatever the replica reports — failed when the KILL won, succeeded
/// when the backup finished first.
/// </summary>
public static class CancelDecisions
{
    public const string CancelledByOperator = "cancelled by operator";

    /// <summary>
    /// A cancel request for an unfinished run: the first request journals <see cref="RunCancelRequested"/>; every shard
    /// not dispatched yet fails at once. A finished run changes nothing.
    /// </summary>
    public static IReadOnlyList<RunJournalEvent> OnCancel(RunState run, DateTimeOffset now)
    {
        if (run.IsFinished)
        {
            return [];
        }
        var events = new List<RunJournalEvent>();
        if (run.CancelRequestedAt is null)
        {
            events.Add(new RunCancelRequested(now));
        }
        events.AddRange(run.Shards
            .Where(s => s.Phase == ShardPhase.Planned)
            .Select(s => new ShardFailed(now, s.Shard, $"{CancelledByOperator} before its backup was dispatched")));
        return events;
    }

    /// <summary>The shards whose backup runs on a replica and must be told to stop (none unless a cancel was requested).</summary>
    public static IReadOnlyList<ShardState> ToSignal(RunState run) =>
        run.CancelRequestedAt is null || run.IsFinished
            ? []
            : [.. run.Shards.Where(s => s.Phase is ShardPhase.Dispatched or ShardPhase.Running)];

    /// <summary>The failure of a shard whose replica could not be told to stop (its agent is not connected).</summary>
    public static ShardFailed Unreachable(ShardState shard, DateTimeOffset now) =>
        new(now, shard.Shard,
            $"{CancelledByOperator}; replica {shard.Replica} is not connected, so backup {shard.OperationId} may still run there " +
            "and will not be catalogued");

    /// <summary>A shard that fails after a cancel request names the operator's cancel as the cause, then ClickHouse's error.</summary>
    public static string Explain(RunState run, string error) =>
        run.CancelRequestedAt is null || error.StartsWith(CancelledByOperator, StringComparison.Ordinal)
            ? error
            : $"{CancelledByOperator}: {error}";
}
