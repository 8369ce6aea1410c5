using System.Diagnostics;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Sql;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// An embedded cluster (S shards x R replicas and s3rver) in a scratch folder of its own, with the product's sessions on
/// it and the native baseline; all of it stopped and removed on dispose.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<ProductSession> _sessions = [];
    private readonly string _directory;

    private BenchCluster(string directory, ClusterDescription description, TimeSpan poll)
    {
        _directory = directory;
        Description = description;
        Poll = poll;
        Native = new NativeOperations(this);
    }

    public ClusterDescription Description { get; }

    /// <summary>The poll interval of the product's runs (agents poll system.backups at it).</summary>
    public TimeSpan Poll { get; }

    public NativeOperations Native { get; }

    public RunSeconds RunSeconds { get; } = new();

    /// <summary>replica-1 of every shard: the node that backs up in both measurements of a mode.</summary>
    public IReadOnlyList<NodeDescription> Primaries => [.. Description.Nodes.Where(n => n.Replica == "replica-1").OrderBy(n => n.Shard)];

    public S3StoreOptions S3 => new()
    {
        Endpoint = Description.S3.Endpoint,
        Bucket = Description.S3.Bucket,
        AccessKey = Description.S3.AccessKey,
        SecretKey = Description.S3.SecretKey,
    };

    public static async Task<BenchCluster> UpAsync(int shards, int replicas, TimeSpan poll)
    {
        var directory = Path.Combine(RepoPaths.Root(), ".test-results", $"bench-{Guid.NewGuid():N}");
        var description = await ClusterLauncher.UpAsync(new LaunchOptions(directory, shards, replicas), TextWriter.Null, CancellationToken.None);
        return new BenchCluster(directory, description, poll);
    }

    /// <summary>
    /// Loads <paramref name="database"/> on every primary (<paramref name="rowsOf"/> rows each, in parallel), says so, and
    /// starts a product session that backs that database up from the primaries.
    /// </summary>
    public async Task<ProductSession> PrepareAsync(BenchReport report, string database, Func<NodeDescription, long> rowsOf)
    {
        var clock = Stopwatch.StartNew();
        var largest = await LoadAsync(database, Primaries.ToDictionary(n => n, rowsOf));
        report.Line($"{database}: {string.Join(" / ", Primaries.Select(n => $"{rowsOf(n):N0}"))} rows on shards {string.Join("/", Primaries.Select(n => n.Shard))}; largest {largest.Bytes / 1048576.0:N0} MiB in {largest.Parts} parts (merges stopped); loaded in {clock.Elapsed.TotalSeconds:N1} s");
        var session = await ProductSession.StartAsync(this, database, Primaries);
        _sessions.Add(session);
        return session;
    }

    public IClickHouseClient Client(NodeDescription node) => new ClickHouseDriverClient(_http, new ClickHouseOptions
    {
        Url = node.Url,
        User = Description.User,
        Password = Description.Password,
        Timeout = TimeSpan.FromMinutes(30),
    }, NullLogger<ClickHouseDriverClient>.Instance);

    public Task ExecuteAsync(NodeDescription node, string sql) => Client(node).ExecuteAsync(new ClickHouseQuery(sql), default);

    /// <summary>
    /// <paramref name="rows"/> random (incompressible) rows into <c>{database}.t</c>; then merges stop, so the parts a full
    /// backup saw are still the parts when an incremental follows ("no change" stays true).
    /// </summary>
    private async Task<PartsSize> LoadAsync(NodeDescription node, string database, long rows)
    {
        var client = Client(node);
        await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {database}"), default);
        await client.ExecuteAsync(new ClickHouseQuery($"CREATE TABLE IF NOT EXISTS {database}.t (a UInt64, b UInt64) ENGINE = MergeTree ORDER BY a"), default);
        await client.ExecuteAsync(new ClickHouseQuery($"INSERT INTO {database}.t SELECT rand64(), rand64() FROM numbers({{rows:UInt64}})")
        {
            Parameters = [QueryParameter.UInt64("rows", (ulong)rows)],
        }, default);
        await client.ExecuteAsync(new ClickHouseQuery($"SYSTEM STOP MERGES {database}.t"), default);
        while ((await client.QueryAsync(new ClickHouseQuery("SELECT count() AS parts, 0 AS bytes FROM system.merges WHERE database = {db:String}")
               {
                   Parameters = [QueryParameter.String("db", database)],
               }, HarnessJson.Default.PartsSize, default))[0].Parts > 0)
        {
            await Task.Delay(50);
        }
        var size = await client.QueryAsync(new ClickHouseQuery(
            "SELECT sum(bytes_on_disk) AS bytes, count() AS parts FROM system.parts WHERE database = {db:String} AND active")
        {
            Parameters = [QueryParameter.String("db", database)],
        }, HarnessJson.Default.PartsSize, default);
        return size[0];
    }

    /// <summary>Loads every node at once (one INSERT per node, in parallel); returns the figures of the largest.</summary>
    private async Task<PartsSize> LoadAsync(string database, IReadOnlyDictionary<NodeDescription, long> rows) =>
        (await Task.WhenAll(rows.Select(r => LoadAsync(r.Key, database, r.Value)))).MaxBy(p => p.Bytes)!;

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }
        _http.Dispose();
        await ClusterLauncher.DownAsync(_directory, TextWriter.Null);
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed record PartsSize([property: JsonPropertyName("bytes")] ulong Bytes, [property: JsonPropertyName("parts")] ulong Parts);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PartsSize))]
internal sealed partial class HarnessJson : JsonSerializerContext;
