using System.Diagnostics;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Sql;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Agents;
using ClickVault.Cluster.Testing.Coordinator;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickVault.Cluster.Bench;

/// <summary>Measures what the coordinator adds on top of ClickHouse's own BACKUP, on the same nodes and data.</summary>
public sealed class OverheadBench(ClusterDescription cluster, TimeSpan poll)
{
    private const string Database = "bench";
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The node of each shard that backs up in both measurements (replica-1, by priority).</summary>
    private IEnumerable<NodeDescription> Primaries => cluster.Nodes.Where(n => n.Replica == "replica-1");

    private IClickHouseClient Client(NodeDescription node) => new ClickHouseHttpClient(_http, new ClickHouseOptions
    {
        Url = node.Url,
        User = cluster.User,
        Password = cluster.Password,
        Timeout = TimeSpan.FromMinutes(30),
    }, NullLogger<ClickHouseHttpClient>.Instance);

    /// <summary>Random (incompressible) rows on every shard's primary; returns the on-disk bytes of the largest shard.</summary>
    public async Task<ulong> LoadAsync(int rows)
    {
        ulong largest = 0;
        foreach (var node in Primaries)
        {
            var client = Client(node);
            await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {Database}"), default);
            await client.ExecuteAsync(new ClickHouseQuery($"CREATE TABLE IF NOT EXISTS {Database}.t (a UInt64, b UInt64) ENGINE = MergeTree ORDER BY a"), default);
            await client.ExecuteAsync(new ClickHouseQuery($"INSERT INTO {Database}.t SELECT rand64(), rand64() FROM numbers({{rows:UInt64}})")
            {
                Parameters = [QueryParameter.UInt64("rows", (ulong)rows)],
            }, default);
            var size = await client.QueryAsync(new ClickHouseQuery(
                "SELECT sum(bytes_on_disk) AS bytes FROM system.parts WHERE database = {db:String} AND active") { Parameters = [QueryParameter.String("db", Database)] },
                BenchJson.Default.Bytes, default);
            largest = Math.Max(largest, size[0].Value);
        }
        return largest;
    }

    /// <summary>Every shard's BACKUP started directly, in parallel, polled every 10 ms: the slowest shard's wall time.</summary>
    public async Task<TimeSpan> NativeAsync(int round)
    {
        var times = await Task.WhenAll(Primaries.Select(async node =>
        {
            var client = Client(node);
            var id = $"native-{round}-{node.Name}-{Guid.NewGuid():N}";
            var clock = Stopwatch.StartNew();
            await client.ExecuteAsync(new ClickHouseQuery(BackupSqlBuilder.Backup(new BackupRequest
            {
                Id = id,
                Destination = new DiskBackupDestination(cluster.BackupDisk, $"bench-native/{id}/"),
                Databases = [new DatabaseTarget(SqlIdentifier.Create(Database))],
            }).Text), default);
            var done = await new SystemBackups(client, TimeProvider.System).WaitAsync(id, TimeSpan.FromMilliseconds(10), null, default);
            return done.Succeeded ? clock.Elapsed : throw new InvalidOperationException($"native backup {id}: {done.ErrorSummary}");
        }));
        return times.Max();
    }

    /// <summary>A full cluster run through a real coordinator and agents on the same primaries.</summary>
    public async Task<(TimeSpan Wall, IReadOnlyList<TimeSpan> RecordDelays)> ClusterRunAsync()
    {
        var s3 = new S3StoreOptions { Endpoint = cluster.S3.Endpoint, Bucket = cluster.S3.Bucket, AccessKey = cluster.S3.AccessKey, SecretKey = cluster.S3.SecretKey };
        await using var coordinator = await InProcessCoordinator.StartAsync(cluster.Cluster, s3, new Dictionary<string, string?>
        {
            ["backup:databases:0"] = Database,
            ["backup:prefix"] = $"bench-{Guid.NewGuid():N}",
            ["backup:destination"] = "disk",
            ["backup:disk"] = cluster.BackupDisk,
            ["backup:poll_interval"] = poll.ToString(),
            ["backup:replica_priority:0"] = "replica-1",
        });
        await using var agents = await InProcessAgents.StartAsync(cluster, coordinator.BaseUrl, Primaries.Select(n => n.Name));
        while ((await coordinator.GetAsync("/api/agents", Shared.Api.ApiJson.Default.IReadOnlyListAgentView)).Count(a => a.State == "connected") < 2)
        {
            await Task.Delay(20);
        }
        var clock = Stopwatch.StartNew();
        var started = await coordinator.StartRunAsync(full: true);
        var done = await coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(30));
        var wall = clock.Elapsed;
        if (done.State != "succeeded")
        {
            throw new InvalidOperationException($"cluster run {done.RunId} ended {done.State}");
        }
        var delays = new List<TimeSpan>();
        foreach (var shard in done.Shards)
        {
            var node = Primaries.Single(n => n.Shard.ToString(System.Globalization.CultureInfo.InvariantCulture) == shard.Shard);
            var operation = await new SystemBackups(Client(node), TimeProvider.System).FindAsync($"{started.RunId}-{shard.Shard}", default);
            delays.Add(shard.FinishedAt!.Value - operation!.EndTime!.Value);
        }
        return (wall, delays);
    }
}

public sealed record ByteCount([property: JsonPropertyName("bytes")] ulong Value);

[JsonSerializable(typeof(ByteCount), TypeInfoPropertyName = "Bytes")]
internal sealed partial class BenchJson : JsonSerializerContext;
