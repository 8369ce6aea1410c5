using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>Catalog maintenance of the chain entity (retention, delete, catalog rebuild).</summary>
public sealed partial class ChainActor
{
    private void ReceiveMaintenance()
    {
        ReceiveAsync<ReadShardCatalog>(m => ReplyAsync(() => LoadAsync(m.ShardPath), "reading the catalog"));
        ReceiveAsync<RemoveCatalogEntries>(m => ReplyAsync(
            () => ChangeAsync(m.ShardPath, c => c with { Backups = [.. c.Backups.Where(b => !m.Runs.Contains(b.RunId))] }),
            "removing backups from the catalog"));
        ReceiveAsync<AddCatalogEntries>(m => ReplyAsync(
            () => ChangeAsync(m.ShardPath, c => m.Entries.Aggregate(c, (catalog, entry) => catalog.With(entry, catalog.UpdatedAt))),
            "adding backups to the catalog"));
        ReceiveAsync<ReplaceShardCatalog>(m => ReplyAsync(() => ReplaceAsync(m.Catalog), "replacing the catalog"));
    }

    private async Task<ShardCatalogChanged> ChangeAsync(string shardPath, Func<ShardCatalog, ShardCatalog> change)
    {
        var before = await LoadAsync(shardPath);
        var after = change(before);
        if (after.Backups.SequenceEqual(before.Backups))
        {
            return new ShardCatalogChanged(before, before);
        }
        after = after with { UpdatedAt = _time.GetUtcNow() };
        await _catalog.WriteShardAsync(after, CancellationToken.None);
        _cached = after;
        return new ShardCatalogChanged(before, after);
    }

    private async Task<ShardCatalogReplaced> ReplaceAsync(ShardCatalog catalog)
    {
        ShardCatalog? previous;
        try
        {
            previous = await _catalog.ReadShardAsync(_shard, catalog.ShardPath, CancellationToken.None);
        }
        catch (CatalogCorruptException)
        {
            previous = null;
        }
        await _catalog.WriteShardAsync(catalog, CancellationToken.None);
        _cached = catalog;
        return new ShardCatalogReplaced(previous, catalog);
    }

    /// <summary>Replies with the result, or with a <see cref="ChainFailure"/> (and forgets the cache) when it failed.</summary>
    private async Task ReplyAsync<T>(Func<Task<T>> work, string what)
        where T : notnull
    {
        var replyTo = Sender;
        try
        {
            replyTo.Tell(await work(), Self);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cached = null;
            replyTo.Tell(new ChainFailure(_shard.Value, $"{what} of shard {_shard} failed: {e.Message}"), Self);
        }
    }
}
