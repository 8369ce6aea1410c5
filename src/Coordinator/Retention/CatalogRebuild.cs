using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// <c>clickvault catalog rebuild</c>: every shard's catalog.json from the sidecars. Per shard folder, a delimiter
/// listing of <c>full/</c> and <c>incremental/</c> gives the backup folders; each folder with a usable sidecar (status
/// success, matching its folder) becomes an entry. The new index replaces the old one through the shard's chain entity.
/// </summary>
public sealed class CatalogRebuild(ChainCatalogs catalogs, ShardFolders folders, IObjectStore store, BackupLayout layout, TimeProvider time)
{
    private static readonly BackupKind[] Kinds = [BackupKind.Full, BackupKind.Incremental];
    private readonly CatalogStore _sidecars = new(store, layout);
    private readonly VerificationMarks _marks = new(store);

    public async Task<CatalogRebuildReport> RunAsync(IReadOnlyList<ShardTarget> known, CancellationToken cancellationToken)
    {
        var shards = new List<ShardRebuildView>();
        foreach (var folder in await folders.FindAsync(known, cancellationToken).ConfigureAwait(false))
        {
            shards.Add(await ShardAsync(folder, cancellationToken).ConfigureAwait(false));
        }
        return new CatalogRebuildReport(shards);
    }

    private async Task<ShardRebuildView> ShardAsync(ShardFolder folder, CancellationToken cancellationToken)
    {
        if (folder.Shard is not { } shard)
        {
            return Failed(folder, $"no shard id: the folder does not match the shard path template and no agent serves it");
        }
        try
        {
            var entries = new List<CatalogEntry>();
            var unusable = new List<UnusableSidecarView>();
            foreach (var kind in Kinds)
            {
                await ScanAsync(folder.ShardPath, kind, entries, unusable, cancellationToken).ConfigureAwait(false);
            }
            var current = await CurrentAsync(new ShardTarget(shard, folder.ShardPath), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < entries.Count; i++)
            {
                entries[i] = await _marks.MarkAsync(entries[i], current, cancellationToken).ConfigureAwait(false);
            }
            var catalog = new ShardCatalog(ShardCatalog.CurrentVersion, layout.Cluster.Value, shard.Value, folder.ShardPath, time.GetUtcNow(),
                [.. entries.OrderBy(e => e.RunId)]);
            var replaced = await catalogs.ReplaceAsync(shard, catalog, cancellationToken).ConfigureAwait(false);
            var before = replaced.Previous?.Backups.Select(b => b.RunId).ToHashSet() ?? [];
            var after = entries.Select(e => e.RunId).ToHashSet();
            return new ShardRebuildView(shard.Value, folder.ShardPath, entries.Count,
                [.. after.Where(r => !before.Contains(r)).Order().Select(r => r.Value)],
                [.. before.Where(r => !after.Contains(r)).Order().Select(r => r.Value)],
                unusable, replaced.Previous is null, null);
        }
        catch (Exception e) when (e is ObjectStoreException or ShardCatalogException)
        {
            return Failed(folder, $"not rebuilt (the old index stays): {e.Message}");
        }
    }

    private async Task ScanAsync(string shardPath, BackupKind kind, List<CatalogEntry> entries, List<UnusableSidecarView> unusable, CancellationToken cancellationToken)
    {
        var kindPrefix = layout.KindPrefix(shardPath, kind);
        var listing = await store.ListAllAsync(kindPrefix, "/", cancellationToken).ConfigureAwait(false);
        foreach (var prefix in listing.CommonPrefixes)
        {
            if (!BackupAttempt.TryParse(prefix[kindPrefix.Length..].TrimEnd('/'), out var attempt) || prefix != layout.BackupPrefix(shardPath, kind, attempt))
            {
                continue;
            }
            var run = attempt.Run;
            BackupSidecar? sidecar;
            try
            {
                sidecar = await _sidecars.ReadSidecarAsync(prefix, cancellationToken).ConfigureAwait(false);
            }
            catch (CatalogCorruptException e)
            {
                unusable.Add(new UnusableSidecarView(e.Key, e.Message));
                continue;
            }
            if (sidecar is null)
            {
                continue;
            }
            var (entry, problem) = SidecarEntries.ToEntry(sidecar, prefix, kind, run);
            if (entry is not null && entries.Any(e => e.RunId == run))
            {
                unusable.Add(new UnusableSidecarView(prefix + BackupLayout.SidecarName, $"backup {run} also lies in another folder (kind or attempt); only the first is indexed"));
            }
            else if (entry is not null)
            {
                entries.Add(entry);
            }
            else
            {
                unusable.Add(new UnusableSidecarView(prefix + BackupLayout.SidecarName, problem!));
            }
        }
    }

    /// <summary>The index being replaced, for its verification marks; null when it cannot be read (a corrupt index is why one rebuilds).</summary>
    private async Task<ShardCatalog?> CurrentAsync(ShardTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await catalogs.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (ShardCatalogException)
        {
            return null;
        }
    }

    private static ShardRebuildView Failed(ShardFolder folder, string error) =>
        new(folder.Shard?.Value, folder.ShardPath, 0, [], [], [], false, error);
}
