using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Shared.Tests.Storage;

/// <summary>An in-memory store that throws the queued failures, one per call, before serving calls normally.</summary>
internal sealed class FlakyObjectStore(params Exception[] failures) : IObjectStore
{
    private readonly Queue<Exception> failures = new(failures);
    private int calls;

    public InMemoryObjectStore Inner { get; } = new();

    public string Bucket => Inner.Bucket;

    public int Calls => Volatile.Read(ref calls);

    public Action? OnCall { get; init; }

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken) =>
        Call(() => Inner.PutAsync(key, content, contentType, cancellationToken));

    public Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken) =>
        Call(() => Inner.PutAsync(key, content, contentType, cancellationToken));

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken) =>
        Call(() => Inner.GetAsync(key, cancellationToken));

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) =>
        Call(() => Inner.HeadAsync(key, cancellationToken));

    public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken) =>
        Call(() => Inner.ListPageAsync(request, cancellationToken));

    public Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        Call(() => Inner.DeleteBatchAsync(keys, cancellationToken));

    private Task<T> Call<T>(Func<Task<T>> action)
    {
        Interlocked.Increment(ref calls);
        OnCall?.Invoke();
        lock (failures)
        {
            if (failures.TryDequeue(out var failure))
            {
                return Task.FromException<T>(failure);
            }
        }

        return action();
    }
}
