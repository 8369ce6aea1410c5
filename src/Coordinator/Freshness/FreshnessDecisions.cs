using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Freshness;

/// <summary>What is known about one shard for a check: its newest catalogued backup, or why its catalog could not be read.</summary>
public sealed record ShardFreshness(string Shard, bool AgentConnected, CatalogEntry? Newest, string? Unreadable);

/// <summary>Pure decision of <c>clickvault check</c>: is every shard's newest good backup younger than the maximum age?</summary>
public static class FreshnessDecisions
{
    /// <summary>
    /// A shard is ok when its newest good backup started less than <paramref name="maxAge"/> before <paramref name="now"/>.
    /// No shard at all is not ok either (nothing can vouch for the cluster).
    /// </summary>
    public static CheckView Evaluate(string cluster, DateTimeOffset now, TimeSpan maxAge, IReadOnlyList<ShardFreshness> shards)
    {
        var views = shards.Select(s => Shard(s, now, maxAge)).ToList();
        var problem = views.Count == 0
            ? "no shard is known: no agent is connected, so the cluster's shards cannot be listed; start the agents"
            : null;
        return new CheckView(cluster, now, (long)maxAge.TotalSeconds, problem is null && views.All(v => v.Ok), problem, views);
    }

    private static ShardCheckView Shard(ShardFreshness shard, DateTimeOffset now, TimeSpan maxAge)
    {
        if (shard.Unreadable is { } reason)
        {
            return new ShardCheckView(shard.Shard, false, null, null, null, null, shard.AgentConnected, reason);
        }
        if (shard.Newest is not { } newest)
        {
            return new ShardCheckView(shard.Shard, false, null, null, null, null, shard.AgentConnected, "no good backup at all");
        }
        var age = now - newest.StartedAt;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }
        var ok = age < maxAge;
        var detail = ok
            ? $"newest good backup {newest.RunId.Value} is younger than the maximum age"
            : $"newest good backup {newest.RunId.Value} is older than the maximum age";
        return new ShardCheckView(shard.Shard, ok, newest.RunId.Value, BackupLayout.KindSegment(newest.Kind), newest.StartedAt,
            (long)age.TotalSeconds, shard.AgentConnected, detail);
    }
}
