namespace ClickVault.Cluster.Coordinator.Planning;

/// <summary>A replica of a shard that could run the shard's backup, as membership sees it now.</summary>
public sealed record ReplicaCandidate(string Replica, bool Connected, bool ClickHouseReachable, DateTimeOffset? LastBackupAt);

/// <summary>The chosen replica, or why none could be chosen.</summary>
public sealed record ReplicaChoice(string? Replica, string Reason)
{
    public bool Found => Replica is not null;
}

/// <summary>The replica that took the chain's previous backup <see cref="RunId"/> (the newest in the shard's catalog).</summary>
public sealed record ChainAffinity(string Replica, string RunId);

/// <summary><c>backup.replica_policy</c>: whether a shard's backup stays on the replica of the chain's previous backup.</summary>
public enum ReplicaPolicy
{
    Affinity,
    Spread,
}

/// <summary>
/// Picks exactly one replica per shard: only healthy replicas (agent connected, ClickHouse answering) are eligible;
/// among them the configured priority wins, then chain affinity, then the least recently used, then the name.
/// </summary>
public static class ReplicaSelector
{
    /// <param name="previous">
    /// Who took the chain's previous backup; null where there is none or no chain matters (verify, restore). Replicas of
    /// plain MergeTree tables are not byte-identical, so an incremental on another replica than its base rewrites nearly
    /// everything.
    /// </param>
    public static ReplicaChoice Choose(
        IReadOnlyList<ReplicaCandidate> candidates, IReadOnlyList<string> priority, ChainAffinity? previous = null,
        ReplicaPolicy policy = ReplicaPolicy.Affinity)
    {
        if (candidates.Count == 0)
        {
            return new ReplicaChoice(null, "no agent of this shard is connected");
        }
        var healthy = candidates.Where(c => c.Connected && c.ClickHouseReachable).ToList();
        if (healthy.Count == 0)
        {
            var unreachable = candidates.Where(c => c.Connected).Select(c => c.Replica).ToList();
            return new ReplicaChoice(null, unreachable.Count > 0
                ? $"ClickHouse does not answer on any connected replica ({string.Join(", ", unreachable)})"
                : "no agent of this shard is connected");
        }
        var affinity = policy == ReplicaPolicy.Affinity ? previous : null;
        var chosen = healthy
            .OrderBy(c => Rank(c.Replica, priority))
            .ThenBy(c => c.Replica == affinity?.Replica ? 0 : 1)
            .ThenBy(c => c.LastBackupAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Replica, StringComparer.Ordinal)
            .First();
        return new ReplicaChoice(chosen.Replica, Why(chosen.Replica, candidates, healthy.Count, priority, affinity, policy, previous));
    }

    private static string Why(
        string chosen, IReadOnlyList<ReplicaCandidate> candidates, int healthy, IReadOnlyList<string> priority, ChainAffinity? affinity,
        ReplicaPolicy policy, ChainAffinity? previous)
    {
        if (Rank(chosen, priority) < priority.Count)
        {
            return "configured priority";
        }
        var fallback = healthy == 1 ? "only healthy replica" : "least recently used healthy replica";
        if (affinity is null)
        {
            return policy == ReplicaPolicy.Spread && previous is not null ? $"{fallback} (replica_policy spread)" : fallback;
        }
        if (chosen == affinity.Replica)
        {
            return healthy == 1 ? fallback : $"chain affinity: {chosen} took the chain's previous backup {affinity.RunId}";
        }
        // Unranked and not the affinity replica: the affinity replica is not among the healthy ones.
        var why = candidates.FirstOrDefault(c => c.Replica == affinity.Replica) switch
        {
            null => "no agent registered",
            { Connected: false } => "agent disconnected",
            _ => "ClickHouse not answering",
        };
        return $"chain affinity replica {affinity.Replica} is not healthy ({why}); {fallback}";
    }

    private static int Rank(string replica, IReadOnlyList<string> priority)
    {
        for (var i = 0; i < priority.Count; i++)
        {
            if (string.Equals(priority[i], replica, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return priority.Count;
    }
}
