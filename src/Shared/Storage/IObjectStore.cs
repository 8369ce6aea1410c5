namespace ClickVault.Cluster.Shared.Storage;

/// <summary>
/// A bucket of an S3-compatible object store. Every method issues at most one request, so decorators
/// (<see cref="RetryingObjectStore"/>, <see cref="CountingObjectStore"/>) see requests one by one;
/// <see cref="ObjectStoreExtensions"/> composes them (full listings, deletes of any size, existence checks).
/// </summary>
public interface IObjectStore
{
    string Bucket { get; }

    /// <returns>The ETag of the stored object, in quotes like S3 returns it.</returns>
    Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken);

    /// <summary>Stores the stream from its current position to its end.</summary>
    /// <returns>The ETag of the stored object, in quotes like S3 returns it.</returns>
    Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken);

    /// <exception cref="ObjectNotFoundException">The key does not exist.</exception>
    Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken);

    /// <returns>The object's metadata, or null when the key does not exist.</returns>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>One page (ListObjectsV2) of keys and common prefixes, in S3 order (UTF-8 binary order of keys).</summary>
    Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One DeleteObjects request for at most <see cref="ObjectStoreLimits.MaxDeleteBatch"/> keys. Missing keys are not errors.
    /// </summary>
    /// <returns>The keys that could not be deleted; empty when all were deleted.</returns>
    Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
