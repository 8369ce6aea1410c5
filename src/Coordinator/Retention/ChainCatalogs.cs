using Akka.Actor;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// The shard catalogs as retention reads and changes them: always through the shard's chain entity (one mailbox per
/// shard serializes every change with planning and recording backups, and keeps its cached catalog right).
/// </summary>
public sealed class ChainCatalogs(IActorRef region, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <exception cref="ShardCatalogException">The chain entity could not read the catalog.</exception>
    public Task<ShardCatalog> ReadAsync(ShardTarget target, CancellationToken cancellationToken) =>
        AskAsync<ShardCatalog>(target.Shard, new ReadShardCatalog(target.ShardPath), cancellationToken);

    public Task<ShardCatalogChanged> RemoveAsync(ShardTarget target, IReadOnlySet<RunId> runs, CancellationToken cancellationToken) =>
        AskAsync<ShardCatalogChanged>(target.Shard, new RemoveCatalogEntries(target.ShardPath, runs), cancellationToken);

    public Task<ShardCatalogChanged> AddAsync(ShardTarget target, IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        AskAsync<ShardCatalogChanged>(target.Shard, new AddCatalogEntries(target.ShardPath, entries), cancellationToken);

    public Task<ShardCatalogReplaced> ReplaceAsync(ShardId shard, ShardCatalog catalog, CancellationToken cancellationToken) =>
        AskAsync<ShardCatalogReplaced>(shard, new ReplaceShardCatalog(catalog), cancellationToken);

    private async Task<T> AskAsync<T>(ShardId shard, object message, CancellationToken cancellationToken)
    {
        var answer = await region.Ask<object>(new ShardEnvelope(shard, message), timeout, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            T reply => reply,
            ChainFailure failure => throw new ShardCatalogException(shard, failure.Message),
            _ => throw new ShardCatalogException(shard, $"the chain entity of shard {shard} answered {answer.GetType().Name}, expected {typeof(T).Name}"),
        };
    }
}

/// <summary>A shard's catalog could not be read or changed; the message says what failed.</summary>
public sealed class ShardCatalogException(ShardId shard, string message) : Exception(message)
{
    public ShardId Shard { get; } = shard;
}
