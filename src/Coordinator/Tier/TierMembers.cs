using Akka.Actor;
using Akka.Cluster;
using ClickVault.Cluster.Shared.Api;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ClickVault.Cluster.Coordinator.Tier;

/// <summary>The coordinator nodes as this node's cluster membership sees them, for <c>clickvault agents</c> and <c>status</c>.</summary>
public sealed class TierMembers(ActorSystem system)
{
    public IReadOnlyList<CoordinatorNodeView> Views()
    {
        var cluster = AkkaCluster.Get(system);
        var state = cluster.State;
        var members = state.Members.Where(m => m.HasRole(CoordinatorTier.Role)).ToList();
        // The singletons run on the oldest coordinator member that is up.
        Member? oldest = null;
        foreach (var member in members.Where(m => m.Status == MemberStatus.Up))
        {
            oldest = oldest is null || member.IsOlderThan(oldest) ? member : oldest;
        }
        return [.. members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new CoordinatorNodeView(
                m.Address.ToString(),
                m.Status.ToString().ToLowerInvariant(),
                !state.Unreachable.Contains(m),
                m.Equals(oldest),
                m.Address.Equals(cluster.SelfAddress)))];
    }
}
