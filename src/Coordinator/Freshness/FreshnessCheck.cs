using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Freshness;

/// <summary>
/// <c>clickvault check</c>: every shard the coordinator knows (connected agents plus the shards <c>system.clusters</c>
/// lists, as a run would plan them) against its catalog in S3.
/// </summary>
public sealed class FreshnessCheck(CoordinatorRuntime runtime, AgentRegistry registry, IObjectStore store, TimeProvider time)
{
    private readonly CatalogStore _catalog = new(store, runtime.Layout);

    public async Task<CheckView> CheckAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var members = registry.Members();
        var shards = new List<ShardFreshness>();
        foreach (var shard in registry.KnownShards())
        {
            var connected = members.Any(m => m.Identity.Shard == shard && m.Connected);
            var macros = members.FirstOrDefault(m => m.Identity.Shard == shard)?.Identity.Macros;
            shards.Add(await ReadAsync(shard, connected, macros, cancellationToken).ConfigureAwait(false));
        }
        return FreshnessDecisions.Evaluate(runtime.Layout.Cluster.Value, time.GetUtcNow(), maxAge, shards);
    }

    private async Task<ShardFreshness> ReadAsync(string shard, bool connected, IReadOnlyDictionary<string, string>? macros, CancellationToken cancellationToken)
    {
        string shardPath;
        ShardId id;
        try
        {
            id = new ShardId(shard);
            // Without an agent on the shard only its macro "shard" is known; a template using other macros cannot be expanded.
            shardPath = runtime.Layout.ShardPath(macros ?? new Dictionary<string, string> { ["shard"] = shard });
        }
        catch (ArgumentException e)
        {
            return new ShardFreshness(shard, connected, null, $"its catalog cannot be located: {e.Message}");
        }
        try
        {
            var catalog = await _catalog.ReadShardAsync(id, shardPath, cancellationToken).ConfigureAwait(false);
            return new ShardFreshness(shard, connected, catalog.Newest, null);
        }
        catch (CatalogCorruptException e)
        {
            return new ShardFreshness(shard, connected, null, e.Message);
        }
    }
}
