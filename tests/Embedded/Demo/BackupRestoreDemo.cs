using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickVault.Cluster.Embedded.Demo;

/// <summary>
/// The first-run demo on the embedded cluster: load different data into every shard, back up every shard
/// with native BACKUP ... ASYNC under its own S3 prefix, restore each backup on the shard's other replica
/// into a scratch database and compare it with the source.
/// </summary>
public static class BackupRestoreDemo
{
    private const string Database = "demo";
    private const string Scratch = "demo_restore_check";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(ClusterDescription cluster, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        IClickHouseClient Client(NodeDescription n) => new ClickHouseHttpClient(http, new ClickHouseOptions
        {
            Url = n.Url,
            User = cluster.User,
            Password = cluster.Password,
            Timeout = TimeSpan.FromMinutes(5),
        }, NullLogger<ClickHouseHttpClient>.Instance);

        var run = RunId.From(TimeProvider.System.GetUtcNow());
        var layout = new BackupLayout(new LayoutOptions("demo", new ClusterName(cluster.Cluster)));
        await output.WriteLineAsync($"run {run}: backing up {cluster.ShardCount} shards to s3://{cluster.S3.Bucket}/{layout.ClusterRoot}").ConfigureAwait(false);

        var results = await Task.WhenAll(cluster.Shards().Select(shard => BackUpAndVerifyShardAsync(
            shard.Key, [.. shard], Client, layout, run, cluster.BackupDisk, output, cancellationToken))).ConfigureAwait(false);

        using var store = new S3ObjectStore(new S3StoreOptions
        {
            Endpoint = cluster.S3.Endpoint,
            Bucket = cluster.S3.Bucket,
            AccessKey = cluster.S3.AccessKey,
            SecretKey = cluster.S3.SecretKey,
        });
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{"shard",-6}{"backed up on",-14}{"files",7}{"bytes",12}{"backup ms",11}{" restored on",-14}{"restore ms",11}  {"rows",9}  result  objects under prefix").ConfigureAwait(false);
        foreach (var r in results)
        {
            var objects = await store.ListAllAsync(r.Prefix, delimiter: null, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Shard,-6}{r.BackupNode,-14}{r.Backup.NumFiles,7}{r.Backup.TotalSize,12}{r.BackupMs,11}{" " + r.RestoreNode,-14}{r.RestoreMs,11}  {r.Source.Rows,9}  {(r.Matches ? "match " : "DIFFER")}  {objects.Objects.Count} in {r.Prefix}")).ConfigureAwait(false);
        }
        var ok = results.All(r => r.Matches);
        await output.WriteLineAsync(ok
            ? "every shard backed up and restored to identical row counts and checksums"
            : "a restored shard differs from its source").ConfigureAwait(false);
        return ok ? 0 : 1;
    }

    private static async Task<ShardResult> BackUpAndVerifyShardAsync(
        int shard, IReadOnlyList<NodeDescription> replicas, Func<NodeDescription, IClickHouseClient> client,
        BackupLayout layout, RunId run, string disk, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var replica in replicas)
        {
            await LoadAsync(client(replica), shard, cancellationToken).ConfigureAwait(false);
        }
        var source = replicas[0];
        var target = replicas[^1];
        var shardPath = layout.ShardPath(new ShardId(shard.ToString(CultureInfo.InvariantCulture)));
        var prefix = layout.BackupPrefix(shardPath, BackupKind.Full, run);
        var destination = new DiskBackupDestination(disk, prefix);

        var clock = Stopwatch.StartNew();
        var backup = await RunAsync(client(source), $"{run}-{shard}", BackupSqlBuilder.Backup(new BackupRequest
        {
            Id = $"{run}-{shard}",
            Destination = destination,
            Databases = [new DatabaseTarget(SqlIdentifier.Create(Database))],
        }), o => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  shard {shard} on {source.Name}: {o.Status} files={o.NumFiles} bytes={o.UncompressedSize}")), cancellationToken).ConfigureAwait(false);
        var backupMs = clock.ElapsedMilliseconds;

        var targetClient = client(target);
        await targetClient.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS {Scratch} SYNC"), cancellationToken).ConfigureAwait(false);
        clock.Restart();
        await RunAsync(targetClient, $"{run}-{shard}-restore", BackupSqlBuilder.Restore(new RestoreRequest
        {
            Id = $"{run}-{shard}-restore",
            Source = destination,
            Databases = [new DatabaseTarget(SqlIdentifier.Create(Database)) { As = SqlIdentifier.Create(Scratch) }],
        }), o => output.WriteLine($"  shard {shard} restore on {target.Name}: {o.Status}"), cancellationToken).ConfigureAwait(false);
        var restoreMs = clock.ElapsedMilliseconds;

        var expected = await FiguresAsync(client(source), Database, cancellationToken).ConfigureAwait(false);
        var actual = await FiguresAsync(targetClient, Scratch, cancellationToken).ConfigureAwait(false);
        await targetClient.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE {Scratch}"), cancellationToken).ConfigureAwait(false);
        return new ShardResult(shard, source.Name, target.Name, backup, backupMs, restoreMs, expected, expected == actual, prefix);
    }

    private static async Task LoadAsync(IClickHouseClient client, int shard, CancellationToken cancellationToken)
    {
        await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {Database}"), cancellationToken).ConfigureAwait(false);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"CREATE TABLE IF NOT EXISTS {Database}.events (id UInt64, shard UInt16, at DateTime, kind LowCardinality(String), value Float64) " +
            "ENGINE = MergeTree ORDER BY (kind, id)"), cancellationToken).ConfigureAwait(false);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"INSERT INTO {Database}.events SELECT number, {{shard:UInt16}}, now() - number, ['view','click','buy'][number % 3 + 1], number * {{shard:UInt16}} / 7 " +
            "FROM numbers({rows:UInt64})")
        {
            Parameters = [QueryParameter.UInt64("shard", (ulong)shard), QueryParameter.UInt64("rows", (ulong)(100_000 * shard))],
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<BackupOperation> RunAsync(
        IClickHouseClient client, string id, SqlStatement statement, Action<BackupOperation> report, CancellationToken cancellationToken)
    {
        await client.ExecuteAsync(new ClickHouseQuery(statement.Text), cancellationToken).ConfigureAwait(false);
        var done = await new SystemBackups(client, TimeProvider.System)
            .WaitAsync(id, Poll, new Progress<BackupOperation>(report), cancellationToken).ConfigureAwait(false);
        return done.Succeeded ? done : throw new InvalidOperationException($"{id} ended {done.Status}: {done.ErrorSummary}");
    }

    private static async Task<Figures> FiguresAsync(IClickHouseClient client, string database, CancellationToken cancellationToken) =>
        (await client.QueryAsync(new ClickHouseQuery(
            "SELECT count() AS rows, sum(cityHash64(id, shard, at, kind, value)) AS checksum FROM events") { Database = database },
            DemoJson.Default.Figures, cancellationToken).ConfigureAwait(false))[0];

    private sealed record ShardResult(
        int Shard, string BackupNode, string RestoreNode, BackupOperation Backup, long BackupMs, long RestoreMs, Figures Source, bool Matches, string Prefix);
}

public sealed record Figures([property: JsonPropertyName("rows")] ulong Rows, [property: JsonPropertyName("checksum")] ulong Checksum);

public sealed record RowCount([property: JsonPropertyName("rows")] ulong Rows);

[JsonSerializable(typeof(Figures))]
[JsonSerializable(typeof(RowCount))]
internal sealed partial class DemoJson : JsonSerializerContext;
