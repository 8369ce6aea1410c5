using System.Runtime.CompilerServices;

namespace ClickVault.Cluster.Shared.Storage;

public static class ObjectStoreExtensions
{
    public static async Task<bool> ExistsAsync(this IObjectStore store, string key, CancellationToken cancellationToken) =>
        await store.HeadAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Every object and common prefix under <paramref name="prefix"/>, following continuation tokens page by page.
    /// </summary>
    public static IAsyncEnumerable<ObjectEntry> ListAsync(this IObjectStore store, string prefix, string? delimiter, CancellationToken cancellationToken) =>
        store.ListAsync(new ListRequest(prefix, delimiter), cancellationToken);

    /// <summary>
    /// Every entry from <paramref name="request"/> on, in key order, one page request of <see cref="ListRequest.MaxKeys"/> at a time.
    /// An entry not after the previous one is skipped: some servers (s3rver) repeat a page's last common prefix on the next page.
    /// </summary>
    public static async IAsyncEnumerable<ObjectEntry> ListAsync(
        this IObjectStore store,
        ListRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? previous = null;
        do
        {
            var page = await store.ListPageAsync(request, cancellationToken).ConfigureAwait(false);
            var entries = page.Objects.Select(o => new ObjectEntry(o.Key, o))
                .Concat(page.CommonPrefixes.Select(p => new ObjectEntry(p, null)))
                .Order(EntryOrder.Instance);
            foreach (var entry in entries)
            {
                if (previous is null || ObjectKeyComparer.Instance.Compare(entry.Key, previous) > 0)
                {
                    previous = entry.Key;
                    yield return entry;
                }
            }

            request = request with { ContinuationToken = page.NextContinuationToken };
        }
        while (request.ContinuationToken is not null);
    }

    public static async Task<ObjectListing> ListAllAsync(
        this IObjectStore store,
        string prefix,
        string? delimiter,
        CancellationToken cancellationToken)
    {
        var objects = new List<ObjectInfo>();
        var prefixes = new List<string>();
        await foreach (var entry in store.ListAsync(prefix, delimiter, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Info is { } info)
            {
                objects.Add(info);
            }
            else
            {
                prefixes.Add(entry.Key);
            }
        }

        return new ObjectListing(objects, prefixes, NextContinuationToken: null);
    }

    public static Task DeleteAsync(this IObjectStore store, string key, CancellationToken cancellationToken) =>
        store.DeleteAsync([key], cancellationToken);

    /// <summary>Deletes any number of keys in DeleteObjects batches of at most 1000 keys.</summary>
    /// <exception cref="ObjectDeleteException">Some keys could not be deleted; all batches were attempted.</exception>
    public static async Task DeleteAsync(this IObjectStore store, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var failures = new List<DeleteFailure>();
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(ObjectStoreLimits.MaxDeleteBatch))
        {
            failures.AddRange(await store.DeleteBatchAsync(batch, cancellationToken).ConfigureAwait(false));
        }

        if (failures.Count > 0)
        {
            throw new ObjectDeleteException(store.Bucket, failures);
        }
    }

    private sealed class EntryOrder : IComparer<ObjectEntry>
    {
        public static EntryOrder Instance { get; } = new();

        public int Compare(ObjectEntry? x, ObjectEntry? y) => ObjectKeyComparer.Instance.Compare(x?.Key, y?.Key);
    }
}
