using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class CountingObjectStoreTests
{
    [Fact]
    public async Task Each_request_is_counted_by_kind()
    {
        var store = new CountingObjectStore(new InMemoryObjectStore());
        var keys = Enumerable.Range(0, 2500).Select(i => $"k/{i:D4}").ToArray();
        foreach (var key in keys)
        {
            await store.PutAsync(key, "x"u8.ToArray(), null, CancellationToken.None);
        }

        using var stream = new MemoryStream("y"u8.ToArray());
        await store.PutAsync("stream", stream, null, CancellationToken.None);
        await store.GetAsync("stream", CancellationToken.None);
        await store.ExistsAsync("stream", CancellationToken.None);
        await store.HeadAsync("missing", CancellationToken.None);
        var listed = await store.ListAllAsync("k/", null, CancellationToken.None);
        await store.DeleteAsync(keys, CancellationToken.None);

        Assert.Equal(2500, listed.Objects.Count);
        Assert.Equal(new ObjectStoreRequestCounts(Puts: 2501, Gets: 1, Heads: 2, ListPages: 3, DeleteBatches: 3), store.Counts);
        Assert.Equal(2510, store.Counts.Total);
    }

    [Fact]
    public async Task Reset_returns_the_counts_and_starts_from_zero()
    {
        var store = new CountingObjectStore(new InMemoryObjectStore());
        await store.HeadAsync("a", CancellationToken.None);

        var before = store.Reset();
        await store.ListPageAsync(new ListRequest(""), CancellationToken.None);

        Assert.Equal(new ObjectStoreRequestCounts(0, 0, 1, 0, 0), before);
        Assert.Equal(new ObjectStoreRequestCounts(0, 0, 0, 1, 0), store.Counts);
    }
}
