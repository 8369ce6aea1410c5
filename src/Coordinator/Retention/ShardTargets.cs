using System.Globalization;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>A shard and its folder in the layout.</summary>
public sealed record ShardTarget(ShardId Shard, string ShardPath);

/// <summary>The shards maintenance works on: from the connected agents' macros and their <c>system.clusters</c> topology.</summary>
public static class ShardTargets
{
    /// <param name="agents">Shard id and macros of each known agent.</param>
    /// <param name="topology">Shards <c>system.clusters</c> lists (macro id, or shard_num when no agent serves it).</param>
    /// <returns>
    /// Every shard once, ordered like shard numbers ("2" before "10"). A shard no agent serves gets the template expanded
    /// with its id only; when the template needs other macros it cannot be located and is left out.
    /// </returns>
    public static IReadOnlyList<ShardTarget> Known(
        IEnumerable<(string Shard, IReadOnlyDictionary<string, string> Macros)> agents,
        IEnumerable<string> topology,
        BackupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var targets = new Dictionary<string, ShardTarget>(StringComparer.Ordinal);
        foreach (var (shard, macros) in agents)
        {
            if (!targets.ContainsKey(shard) && TryTarget(shard, () => macros.ContainsKey("shard") ? layout.ShardPath(macros) : layout.ShardPath(new ShardId(shard))) is { } target)
            {
                targets[shard] = target;
            }
        }
        foreach (var shard in topology)
        {
            if (!targets.ContainsKey(shard) && TryTarget(shard, () => layout.ShardPath(new ShardId(shard))) is { } target)
            {
                targets[shard] = target;
            }
        }
        return [.. targets.Values.OrderBy(t => t.Shard.Value.Length).ThenBy(t => t.Shard.Value, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<ShardTarget> Known(AgentRegistry registry, BackupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return Known(
            registry.Members().Select(m => (m.Identity.Shard, m.Identity.Macros)),
            registry.Topology().Select(t => t.Shard ?? t.ShardNum.ToString(CultureInfo.InvariantCulture)),
            layout);
    }

    private static ShardTarget? TryTarget(string shard, Func<string> shardPath)
    {
        try
        {
            return new ShardTarget(new ShardId(shard), shardPath());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
