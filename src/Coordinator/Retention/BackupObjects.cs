using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>What deleting the objects of one backup folder did; <see cref="Failures"/> are the keys S3 refused to delete.</summary>
public sealed record ObjectDeletion(long Objects, long Bytes, IReadOnlyList<DeleteFailure> Failures)
{
    public static ObjectDeletion Failed(string key, string code, string message) => new(0, 0, [new DeleteFailure(key, code, message)]);

    public bool Complete => Failures.Count == 0;
}

/// <summary>
/// Deletes backup folders: the sidecar first (an interrupted deletion leaves a folder without sidecar, which is
/// recognizably broken and found by clean-broken), then every other object in DeleteObjects batches of at most 1000 keys.
/// </summary>
public sealed class BackupObjects(IObjectStore store)
{
    /// <summary>Lists everything under <paramref name="prefix"/> (a folder, ending with '/') and deletes it, sidecar first.</summary>
    public async Task<ObjectDeletion> DeleteFolderAsync(string prefix, CancellationToken cancellationToken)
    {
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException($"backup prefix '{prefix}' must end with '/'", nameof(prefix));
        }
        var listing = await store.ListAllAsync(prefix, null, cancellationToken).ConfigureAwait(false);
        return await DeleteAsync(prefix, listing.Objects, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the listed <paramref name="objects"/> of the folder <paramref name="prefix"/>, its sidecar (if listed) first.</summary>
    public async Task<ObjectDeletion> DeleteAsync(string prefix, IReadOnlyList<ObjectInfo> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var sidecarKey = prefix + BackupLayout.SidecarName;
        var sidecar = objects.Where(o => o.Key == sidecarKey).ToList();
        var first = await DeleteBatchesAsync(sidecar, cancellationToken).ConfigureAwait(false);
        if (!first.Complete)
        {
            // The sidecar is still there: the folder still reads as a complete backup, so leave it whole.
            return first;
        }
        var rest = await DeleteBatchesAsync([.. objects.Where(o => o.Key != sidecarKey)], cancellationToken).ConfigureAwait(false);
        return new ObjectDeletion(first.Objects + rest.Objects, first.Bytes + rest.Bytes, rest.Failures);
    }

    private async Task<ObjectDeletion> DeleteBatchesAsync(IReadOnlyList<ObjectInfo> objects, CancellationToken cancellationToken)
    {
        long deleted = 0, bytes = 0;
        var failures = new List<DeleteFailure>();
        foreach (var batch in objects.Chunk(ObjectStoreLimits.MaxDeleteBatch))
        {
            IReadOnlyList<DeleteFailure> failed;
            try
            {
                failed = await store.DeleteBatchAsync([.. batch.Select(o => o.Key)], cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException e)
            {
                failed = [.. batch.Select(o => new DeleteFailure(o.Key, "RequestFailed", e.Message))];
            }
            var failedKeys = failed.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            failures.AddRange(failed);
            foreach (var removed in batch.Where(o => !failedKeys.Contains(o.Key)))
            {
                deleted++;
                bytes += removed.Size;
            }
        }
        return new ObjectDeletion(deleted, bytes, failures);
    }
}
