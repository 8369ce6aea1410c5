using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> shares with real S3. Each test works under its own key prefix.
/// Keys are chosen so that s3rver (which walks its data folder instead of sorting keys) lists them in S3 order too:
/// for keys like <c>a.json</c> and <c>a/b</c>, S3 lists <c>a.json</c> first ('.' &lt; '/'), s3rver lists <c>a/b</c> first.
/// </summary>
public abstract class ObjectStoreContract : IDisposable
{
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));

    protected abstract IObjectStore Store { get; }

    protected string Prefix { get; } = $"contract-{Guid.NewGuid():N}/";

    protected CancellationToken Ct => timeout.Token;

    [Fact]
    public async Task Put_then_get_round_trips_binary_content_with_an_md5_etag()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(RandomBytes(70_000, seed: 1)).ToArray();
        var key = Prefix + "binary.bin";

        var etag = await Store.PutAsync(key, data, "application/x-clickvault-test", Ct);
        var content = await Store.GetAsync(key, Ct);

        Assert.Equal(data, content.Data.ToArray());
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"", etag);
        Assert.Equal(new ObjectInfo(key, data.Length, etag, content.Info.LastModified), content.Info);
        Assert.Equal("application/x-clickvault-test", content.ContentType);
    }

    [Fact]
    public async Task Empty_objects_round_trip()
    {
        var key = Prefix + "empty";

        await Store.PutAsync(key, ReadOnlyMemory<byte>.Empty, null, Ct);

        Assert.Empty((await Store.GetAsync(key, Ct)).Data.ToArray());
        var head = await Store.HeadAsync(key, Ct);
        Assert.Equal(0, head?.Size);
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", head?.ETag);
    }

    [Fact]
    public async Task Streams_are_stored_from_their_current_position_whether_seekable_or_not()
    {
        var data = RandomBytes(10_000, seed: 2);
        using var seekable = new MemoryStream(data) { Position = 100 };
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(data, Ct);
        await pipe.Writer.CompleteAsync();
        await using var forwardOnly = pipe.Reader.AsStream();

        await Store.PutAsync(Prefix + "seekable", seekable, null, Ct);
        await Store.PutAsync(Prefix + "forward-only", forwardOnly, null, Ct);

        Assert.False(forwardOnly.CanSeek);
        Assert.Equal(data[100..], (await Store.GetAsync(Prefix + "seekable", Ct)).Data.ToArray());
        Assert.Equal(data, (await Store.GetAsync(Prefix + "forward-only", Ct)).Data.ToArray());
    }

    [Fact]
    public async Task Put_overwrites_an_existing_object()
    {
        var key = Prefix + "catalog.json";
        var first = await Store.PutAsync(key, "{\"v\":1}"u8.ToArray(), "application/json", Ct);

        var second = await Store.PutAsync(key, "{\"v\":2,\"more\":true}"u8.ToArray(), "application/json", Ct);

        Assert.NotEqual(first, second);
        Assert.Equal("{\"v\":2,\"more\":true}", Encoding.UTF8.GetString((await Store.GetAsync(key, Ct)).Data.Span));
        var listed = Assert.Single((await Store.ListAllAsync(Prefix, null, Ct)).Objects);
        Assert.Equal((key, 19L, second), (listed.Key, listed.Size, listed.ETag));
    }

    [Fact]
    public async Task Head_describes_an_object_like_the_listing_does()
    {
        var key = Prefix + "sidecar.json";
        var etag = await Store.PutAsync(key, new byte[1234], null, Ct);

        var head = await Store.HeadAsync(key, Ct);
        var listed = Assert.Single((await Store.ListAllAsync(Prefix, null, Ct)).Objects);

        Assert.NotNull(head);
        Assert.Equal((key, 1234L, etag), (head.Key, head.Size, head.ETag));
        Assert.Equal((listed.Key, listed.Size, listed.ETag), (head.Key, head.Size, head.ETag));
        Assert.True(head.LastModified > DateTimeOffset.UnixEpoch);
        Assert.InRange(listed.LastModified - head.LastModified, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
        Assert.True(await Store.ExistsAsync(key, Ct));
    }

    [Fact]
    public async Task Head_of_a_missing_key_is_null_and_it_does_not_exist()
    {
        Assert.Null(await Store.HeadAsync(Prefix + "missing", Ct));
        Assert.False(await Store.ExistsAsync(Prefix + "missing", Ct));
    }

    [Fact]
    public async Task Get_of_a_missing_key_throws_not_found_naming_bucket_and_key()
    {
        var key = Prefix + "missing.json";

        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync(key, Ct));

        Assert.Equal((Store.Bucket, key), (ex.Bucket, ex.Key));
        Assert.Contains($"s3://{Store.Bucket}/{key}", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task List_with_a_prefix_returns_only_keys_under_it_in_key_order()
    {
        string[] keys = ["shard-1/b", "shard-1/a", "shard-10/a", "shard-1/c/d", "shard-2/a", "shard-1-x"];
        await PutAllAsync(keys.Select(k => Prefix + k));

        var listed = await Store.ListAllAsync(Prefix + "shard-1/", null, Ct);

        Assert.Equal(["shard-1/a", "shard-1/b", "shard-1/c/d"], listed.Objects.Select(o => o.Key[Prefix.Length..]));
        Assert.Empty(listed.CommonPrefixes);
        Assert.Empty((await Store.ListAllAsync(Prefix + "nothing-here/", "/", Ct)).Objects);
    }

    [Fact]
    public async Task List_with_a_delimiter_returns_direct_objects_and_common_prefixes()
    {
        // Real S3 also reports "full/" when it holds only sub-folders; s3rver then drops it (its folder walk does not
        // descend beneath a would-be common prefix). Each folder therefore holds a direct object here; the in-memory
        // tests cover the sub-folders-only case.
        string[] keys =
        [
            "catalog.json", "full/index", "full/t1/.backup", "full/t1/data/part", "full/t2/.backup",
            "incremental/index", "incremental/t3/.backup", "runs/1.json",
        ];
        await PutAllAsync(keys.Select(k => Prefix + k));

        var top = await Store.ListAllAsync(Prefix, "/", Ct);
        var full = await Store.ListAllAsync(Prefix + "full/", "/", Ct);

        Assert.Equal(["catalog.json"], top.Objects.Select(o => o.Key[Prefix.Length..]));
        Assert.Equal(["full/", "incremental/", "runs/"], top.CommonPrefixes.Select(p => p[Prefix.Length..]));
        Assert.Equal(["full/index"], full.Objects.Select(o => o.Key[Prefix.Length..]));
        Assert.Equal(["full/t1/", "full/t2/"], full.CommonPrefixes.Select(p => p[Prefix.Length..]));
    }

    [Fact]
    public async Task Listing_in_small_pages_yields_every_entry_once_in_key_order()
    {
        string[] keys = ["f1", "f2/x", "f2/y", "f3", "f4/z", "f5", "f6", "f7/w", "f8"];
        await PutAllAsync(keys.Select(k => Prefix + k));

        var entries = await Store.ListAsync(new ListRequest(Prefix, "/", MaxKeys: 2), Ct).ToListAsync(Ct);
        var flat = await Store.ListAsync(new ListRequest(Prefix, MaxKeys: 3), Ct).ToListAsync(Ct);

        Assert.Equal(
            [("f1", false), ("f2/", true), ("f3", false), ("f4/", true), ("f5", false), ("f6", false), ("f7/", true), ("f8", false)],
            entries.Select(e => (e.Key[Prefix.Length..], e.IsCommonPrefix)));
        Assert.Equal(keys, flat.Select(e => e.Key[Prefix.Length..]));
    }

    [Fact]
    public async Task Listing_more_than_1000_keys_follows_continuation_tokens()
    {
        var keys = Enumerable.Range(0, 2100).Select(i => $"{Prefix}k-{i:D5}").ToArray();
        await PutAllAsync(keys.Reverse());
        var counting = new CountingObjectStore(Store);

        var firstPage = await Store.ListPageAsync(new ListRequest(Prefix), Ct);
        var listed = await counting.ListAllAsync(Prefix, null, Ct);

        Assert.Equal(1000, firstPage.Objects.Count);
        Assert.True(firstPage.IsTruncated);
        Assert.Equal(keys, listed.Objects.Select(o => o.Key));
        Assert.Equal(3, counting.Counts.ListPages);
    }

    [Fact]
    public async Task Deleting_more_than_1000_keys_issues_batches_of_at_most_1000()
    {
        var keys = Enumerable.Range(0, 1500).Select(i => $"{Prefix}del-{i:D5}").ToArray();
        await PutAllAsync(keys);
        await Store.PutAsync(Prefix + "keep", "k"u8.ToArray(), null, Ct);
        var counting = new CountingObjectStore(Store);

        await counting.DeleteAsync(keys, Ct);

        Assert.Equal(2, counting.Counts.DeleteBatches);
        Assert.Equal([Prefix + "keep"], (await Store.ListAllAsync(Prefix, null, Ct)).Objects.Select(o => o.Key));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteBatchAsync(keys[..1001], Ct));
    }

    [Fact]
    public async Task Deleting_missing_keys_succeeds()
    {
        await Store.PutAsync(Prefix + "present", "p"u8.ToArray(), null, Ct);

        await Store.DeleteAsync([Prefix + "absent-1", Prefix + "present", Prefix + "absent-2"], Ct);
        await Store.DeleteAsync(Prefix + "never-written", Ct);

        Assert.False(await Store.ExistsAsync(Prefix + "present", Ct));
    }

    [Theory]
    [InlineData("with space/file name.json")]
    [InlineData("unicode/ünïcødé/日本語.txt")]
    [InlineData("emoji/😀 backup.bin")]
    [InlineData("k=v/a+b.json")]
    [InlineData("percent/100%25 and %2F.txt")]
    [InlineData("punct/~!$&'()*,;@[]^`{}|")]
    public async Task Keys_with_special_characters_round_trip(string name)
    {
        var key = Prefix + name;
        var data = Encoding.UTF8.GetBytes(name);

        await Store.PutAsync(key, data, null, Ct);

        Assert.Equal(data, (await Store.GetAsync(key, Ct)).Data.ToArray());
        Assert.Equal(data.Length, (await Store.HeadAsync(key, Ct))?.Size);
        Assert.Equal([key], (await Store.ListAllAsync(Prefix, null, Ct)).Objects.Select(o => o.Key));
        await Store.DeleteAsync(key, Ct);
        Assert.Null(await Store.HeadAsync(key, Ct));
    }

    [Fact]
    public async Task Invalid_arguments_are_rejected_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync("", "x"u8.ToArray(), null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(Prefix + new string('k', 1025), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListPageAsync(new ListRequest(Prefix, MaxKeys: 0), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListPageAsync(new ListRequest(Prefix, MaxKeys: 1001), Ct));
    }

    public void Dispose()
    {
        timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected Task PutAllAsync(IEnumerable<string> keys) =>
        Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct },
            async (key, ct) => await Store.PutAsync(key, Encoding.UTF8.GetBytes(key), "text/plain", ct));
}
