using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>The outcome of removing backups of one shard: either skipped (nothing deleted) or the deletion per backup.</summary>
public sealed record ShardRemoval(string? Skipped, IReadOnlyDictionary<RunId, ObjectDeletion> Deleted);

/// <summary>
/// Removes backups of one shard safely: (1) their entries leave the catalog through the chain entity, so no new run
/// can choose them as a base from then on; (2) the backups in use are read again, and if an operation started using
/// one in the meantime the entries go back and nothing is deleted; (3) each backup's folder is deleted, sidecar first,
/// in the order given (dependents before their bases). A catalog entry whose prefix is not where the layout puts that
/// backup (or one of its attempts) is never deleted (a damaged catalog must not send deletes elsewhere in the bucket).
/// </summary>
public sealed class BackupRemoval(ChainCatalogs catalogs, BackupObjects objects, IBackupsInUse inUse, BackupLayout layout)
{
    /// <param name="ordered">The backups to remove in deletion order (newest dependents first).</param>
    public async Task<ShardRemoval> RemoveAsync(ShardTarget target, IReadOnlyList<CatalogEntry> ordered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(ordered);
        if (ordered.Count == 0)
        {
            return new ShardRemoval(null, new Dictionary<RunId, ObjectDeletion>());
        }
        var runs = ordered.Select(b => b.RunId).ToHashSet();
        var changed = await catalogs.RemoveAsync(target, runs, cancellationToken).ConfigureAwait(false);
        var used = (await inUse.GetAsync(cancellationToken).ConfigureAwait(false)).For(target.Shard, changed.Before);
        var conflicts = ordered.Where(b => used.ContainsKey(b.RunId)).ToList();
        if (conflicts.Count > 0)
        {
            await catalogs.AddAsync(target, [.. changed.Before.Backups.Where(b => runs.Contains(b.RunId))], cancellationToken).ConfigureAwait(false);
            var names = string.Join("; ", conflicts.Select(b => $"{b.RunId}: {used[b.RunId]}"));
            return new ShardRemoval($"an operation started using a backup while it was being removed ({names}); nothing was deleted", new Dictionary<RunId, ObjectDeletion>());
        }

        var deleted = new Dictionary<RunId, ObjectDeletion>();
        foreach (var backup in ordered)
        {
            deleted[backup.RunId] = layout.IsBackupPrefix(backup.Prefix, target.ShardPath, backup.Kind, backup.RunId)
                ? await objects.DeleteFolderAsync(backup.Prefix, cancellationToken).ConfigureAwait(false)
                : ObjectDeletion.Failed(backup.Prefix, "UnexpectedPrefix",
                    $"the catalog puts backup {backup.RunId} at '{backup.Prefix}', not at '{layout.BackupPrefix(target.ShardPath, backup.Kind, backup.RunId)}' " +
                    "(or a retry's folder beside it) where the layout puts it; its objects were left alone");
        }
        return new ShardRemoval(null, deleted);
    }
}
