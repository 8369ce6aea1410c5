using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

/// <summary>Real-S3 behaviours the twin has and s3rver lacks, so the shared contract cannot test them.</summary>
public sealed class InMemoryObjectStoreTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));
    private readonly InMemoryObjectStore store;

    public InMemoryObjectStoreTests() => store = new InMemoryObjectStore(time, "twin");

    [Fact]
    public async Task Last_modified_comes_from_the_injected_clock_in_whole_seconds()
    {
        await store.PutAsync("a", "1"u8.ToArray(), null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        await store.PutAsync("b", "2"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), (await store.HeadAsync("a", CancellationToken.None))?.LastModified);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 11, 7, TimeSpan.Zero), (await store.HeadAsync("b", CancellationToken.None))?.LastModified);
    }

    [Fact]
    public async Task A_folder_holding_only_sub_folders_is_a_common_prefix()
    {
        await PutAsync("shard-1/full/t1/.backup", "shard-1/incremental/t2/.backup", "shard-1/catalog.json");

        var listing = await store.ListAllAsync("shard-1/", "/", CancellationToken.None);

        Assert.Equal(["shard-1/full/", "shard-1/incremental/"], listing.CommonPrefixes);
        Assert.Equal(["shard-1/catalog.json"], listing.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Keys_are_listed_in_utf8_byte_order()
    {
        await PutAsync("😀", "\uFF01", "a/b", "a.json", "a", "B");

        var keys = (await store.ListAllAsync("", null, CancellationToken.None)).Objects.Select(o => o.Key);

        Assert.Equal(["B", "a", "a.json", "a/b", "\uFF01", "😀"], keys);
    }

    [Fact]
    public async Task Common_prefixes_count_against_the_page_size()
    {
        await PutAsync("p/a/1", "p/b/1", "p/c");

        var first = await store.ListPageAsync(new ListRequest("p/", "/", MaxKeys: 2), CancellationToken.None);
        var second = await store.ListPageAsync(new ListRequest("p/", "/", first.NextContinuationToken, MaxKeys: 2), CancellationToken.None);

        Assert.Equal(["p/a/", "p/b/"], first.CommonPrefixes);
        Assert.Empty(first.Objects);
        Assert.True(first.IsTruncated);
        Assert.Empty(second.CommonPrefixes);
        Assert.Equal(["p/c"], second.Objects.Select(o => o.Key));
        Assert.False(second.IsTruncated);
    }

    [Fact]
    public async Task A_malformed_continuation_token_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<ObjectStoreException>(
            () => store.ListPageAsync(new ListRequest("", ContinuationToken: "%%%"), CancellationToken.None));

        Assert.Contains("s3://twin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_content_is_a_copy_of_the_callers_buffer()
    {
        var buffer = "original"u8.ToArray();
        await store.PutAsync("k", buffer, null, CancellationToken.None);

        buffer[0] = (byte)'X';

        Assert.Equal("original"u8.ToArray(), (await store.GetAsync("k", CancellationToken.None)).Data.ToArray());
    }

    private Task PutAsync(params string[] keys) =>
        Task.WhenAll(keys.Select(k => store.PutAsync(k, "x"u8.ToArray(), null, CancellationToken.None)));
}
