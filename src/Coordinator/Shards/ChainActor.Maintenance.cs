using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>Catalog maintenance of the chain entity (retention, delete, catalog rebuild).</summary>
public sealed partial class ChainActor
{
    private void ReceiveMaintenance()
    {
        Receive<ReadShardCatalog>(m => ReplyAsync(async () => await LoadAsync(m.ShardPath).ConfigureAwait(false), "reading the catalog"));
        Receive<RemoveCatalogEntries>(m => ReplyAsync(
            () => ChangeAsync(m.ShardPath, c => c with { Backups = [.. c.Backups.Where(b => !m.Runs.Contains(b.RunId))] }),
            "removing backups from the catalog"));
        Receive<AddCatalogEntries>(m => ReplyAsync(
            () => ChangeAsync(m.ShardPath, c => m.Entries.Aggregate(c, (catalog, entry) => catalog.With(entry, catalog.UpdatedAt))),
            "adding backups to the catalog"));
        Receive<ReplaceShardCatalog>(m => ReplyAsync(() => ReplaceAsync(m.Catalog), "replacing the catalog"));
    }

    private async Task<ShardCatalogChanged> ChangeAsync(string shardPath, Func<ShardCatalog, ShardCatalog> change)
    {
        var before = await LoadAsync(shardPath).ConfigureAwait(false);
        var after = change(before);
        if (after.Backups.SequenceEqual(before.Backups))
        {
            return new ShardCatalogChanged(before, before);
        }
        after = after with { UpdatedAt = Context.System.TimeProvider.GetUtcNow() };
        await _catalog.WriteShardAsync(after, CancellationToken.None).ConfigureAwait(false);
        _cached = after;
        return new ShardCatalogChanged(before, after);
    }

    private async Task<ShardCatalogReplaced> ReplaceAsync(ShardCatalog catalog)
    {
        ShardCatalog? previous;
        try
        {
            previous = await _catalog.ReadShardAsync(_shard, catalog.ShardPath, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CatalogCorruptException)
        {
            previous = null;
        }
        await _catalog.WriteShardAsync(catalog, CancellationToken.None).ConfigureAwait(false);
        _cached = catalog;
        return new ShardCatalogReplaced(previous, catalog);
    }

    /// <summary>Replies with the result, or with a <see cref="ChainFailure"/> (and forgets the cache) when it failed.</summary>
    private async Task ReplyAsync<T>(Func<Task<T>> work, string what)
        where T : notnull
    {
        try
        {
            Sender.Tell(await work().ConfigureAwait(false), Self);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cached = null;
            Sender.Tell(new ChainFailure(_shard.Value, $"{what} of shard {_shard} failed: {e.Message}"), Self);
        }
    }
}
