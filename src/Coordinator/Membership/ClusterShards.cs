namespace ClickVault.Cluster.Coordinator.Membership;

/// <summary>Which shards wanted for a run have a connected agent, and which do not.</summary>
/// <param name="Known">Every shard the agents and their system.clusters name.</param>
/// <param name="Target">The shards asked for, or all known ones when none were named.</param>
/// <param name="Covered">Target shards with at least one connected agent.</param>
/// <param name="Missing">Target shards without one.</param>
public sealed record ShardCoverage(IReadOnlyList<string> Known, IReadOnlyList<string> Target, IReadOnlyList<string> Covered, IReadOnlyList<string> Missing)
{
    public bool Complete => Target.Count > 0 && Missing.Count == 0;
}

/// <summary>The cluster's shards as the coordinator sees them through its agents.</summary>
public static class ClusterShards
{
    /// <summary>Shards by their macro id; a shard that system.clusters lists but no agent serves is named by its shard_num.</summary>
    public static IReadOnlyList<string> Known(AgentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.KnownShards();
    }

    /// <summary>Coverage of <paramref name="wanted"/> (all known shards when empty) by connected agents.</summary>
    public static ShardCoverage Coverage(AgentRegistry registry, IReadOnlyList<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var known = Known(registry);
        var target = wanted.Count > 0 ? wanted : known;
        var connected = registry.Members().Where(m => m.Connected).Select(m => m.Identity.Shard).ToHashSet(StringComparer.Ordinal);
        return new ShardCoverage(known, target, [.. target.Where(connected.Contains)], [.. target.Where(s => !connected.Contains(s))]);
    }
}
