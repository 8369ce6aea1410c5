namespace ClickVault.Cluster.Coordinator.Planning;

/// <summary>A replica of a shard that could run the shard's backup, as membership sees it now.</summary>
public sealed record ReplicaCandidate(string Replica, bool Connected, bool ClickHouseReachable, DateTimeOffset? LastBackupAt);

/// <summary>The chosen replica, or why none could be chosen.</summary>
public sealed record ReplicaChoice(string? Replica, string Reason)
{
    public bool Found => Replica is not null;
}

/// <summary>
/// Picks exactly one replica per shard: only healthy replicas (agent connected, ClickHouse answering) are eligible;
/// among them the configured priority wins, then the least recently used, then the name.
/// </summary>
public static class ReplicaSelector
{
    public static ReplicaChoice Choose(IReadOnlyList<ReplicaCandidate> candidates, IReadOnlyList<string> priority)
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
        var chosen = healthy
            .OrderBy(c => Rank(c.Replica, priority))
            .ThenBy(c => c.LastBackupAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Replica, StringComparer.Ordinal)
            .First();
        var why = Rank(chosen.Replica, priority) < priority.Count
            ? "configured priority"
            : healthy.Count == 1 ? "only healthy replica" : "least recently used healthy replica";
        return new ReplicaChoice(chosen.Replica, why);
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
