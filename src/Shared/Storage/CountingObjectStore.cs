namespace ClickVault.Cluster.Shared.Storage;

public sealed record ObjectStoreRequestCounts(long Puts, long Gets, long Heads, long ListPages, long DeleteBatches)
{
    public long Total => Puts + Gets + Heads + ListPages + DeleteBatches;
}

/// <summary>Counts the requests passed to the inner store by kind, e.g. to report how many requests a listing cost.</summary>
public sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private long puts;
    private long gets;
    private long heads;
    private long listPages;
    private long deleteBatches;

    public string Bucket => inner.Bucket;

    public ObjectStoreRequestCounts Counts => new(
        Interlocked.Read(ref puts),
        Interlocked.Read(ref gets),
        Interlocked.Read(ref heads),
        Interlocked.Read(ref listPages),
        Interlocked.Read(ref deleteBatches));

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref puts);
        return inner.PutAsync(key, content, contentType, cancellationToken);
    }

    public Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref puts);
        return inner.PutAsync(key, content, contentType, cancellationToken);
    }

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref gets);
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref heads);
        return inner.HeadAsync(key, cancellationToken);
    }

    public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref listPages);
        return inner.ListPageAsync(request, cancellationToken);
    }

    public Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref deleteBatches);
        return inner.DeleteBatchAsync(keys, cancellationToken);
    }

    /// <summary>Returns the counts so far and starts again from zero.</summary>
    public ObjectStoreRequestCounts Reset() => new(
        Interlocked.Exchange(ref puts, 0),
        Interlocked.Exchange(ref gets, 0),
        Interlocked.Exchange(ref heads, 0),
        Interlocked.Exchange(ref listPages, 0),
        Interlocked.Exchange(ref deleteBatches, 0));
}
