using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests;

/// <summary>
/// The native BACKUP/RESTORE chain per shard on the embedded 2x2 cluster: real engine, real S3 protocol,
/// keys computed by the layout class.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class NativeBackupChainTests(TwoByTwoClusterFixture fixture)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Full_then_incremental_per_shard_restores_exactly_the_source_under_the_shards_prefix()
    {
        var cluster = fixture.Cluster;
        var unique = Guid.NewGuid().ToString("N")[..8];
        var layout = new BackupLayout(new LayoutOptions("it-" + unique, new ClusterName(cluster.Cluster)));
        var fullRun = RunId.Parse("20261122T010000Z");
        var incrementalRun = RunId.Parse("20261122T020000Z");
        const string db = "chain_test";

        foreach (var shard in cluster.Shards())
        {
            var node = shard.First();
            var client = fixture.ClientFor(node);
            var backups = new SystemBackups(client, TimeProvider.System);
            var shardPath = layout.ShardPath(new ShardId(shard.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await CreateShardDataAsync(client, db, shard.Key, rows: 50_000 * shard.Key);

            var full = Disk(layout.BackupPrefix(shardPath, BackupKind.Full, fullRun));
            var fullDone = await RunAsync(client, backups, new BackupRequest
            {
                Id = $"{fullRun}-{shard.Key}-{unique}",
                Destination = full,
                Databases = [new DatabaseTarget(SqlIdentifier.Create(db))],
            });
            Assert.Equal(BackupOperationStatus.BackupCreated, fullDone.Status);
            Assert.True(fullDone.NumFiles > 0);

            await client.ExecuteAsync(new ClickHouseQuery($"INSERT INTO {db}.orders SELECT number + 10000000, {shard.Key}, number % 7 FROM numbers(1234)"), default);
            var incremental = Disk(layout.BackupPrefix(shardPath, BackupKind.Incremental, incrementalRun));
            var incrementalDone = await RunAsync(client, backups, new BackupRequest
            {
                Id = $"{incrementalRun}-{shard.Key}-{unique}",
                Destination = incremental,
                BaseBackup = full,
                Databases = [new DatabaseTarget(SqlIdentifier.Create(db))],
            });
            Assert.Equal(BackupOperationStatus.BackupCreated, incrementalDone.Status);
            Assert.True(incrementalDone.UncompressedSize < fullDone.UncompressedSize, "the incremental should write less than the full");

            var source = await FiguresAsync(client, db);
            await client.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE {db}"), default);
            var restored = await RunAsync(client, backups, new RestoreRequest
            {
                Id = $"restore-{incrementalRun}-{shard.Key}-{unique}",
                Source = incremental,
                Databases = [new DatabaseTarget(SqlIdentifier.Create(db))],
            });
            Assert.Equal(BackupOperationStatus.Restored, restored.Status);
            Assert.Equal(source, await FiguresAsync(client, db));
            Assert.Equal((ulong)((50_000 * shard.Key) + 1234), source.Rows);
        }

        await AssertKeysSitUnderTheirShardAsync(layout, cluster, fullRun, incrementalRun);
    }

    [Fact]
    public async Task A_backup_of_a_missing_database_fails_with_the_clickhouse_error()
    {
        var node = fixture.Cluster.Nodes[0];
        var client = fixture.ClientFor(node);
        var backups = new SystemBackups(client, TimeProvider.System);
        var id = "missing-" + Guid.NewGuid().ToString("N")[..8];

        var done = await RunAsync(client, backups, new BackupRequest
        {
            Id = id,
            Destination = Disk($"failures/{id}/"),
            Databases = [new DatabaseTarget(SqlIdentifier.Create("no_such_database"))],
        });

        Assert.Equal(BackupOperationStatus.BackupFailed, done.Status);
        Assert.Contains("no_such_database", done.ErrorSummary, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack trace", done.ErrorSummary, StringComparison.Ordinal);
    }

    private DiskBackupDestination Disk(string keyPrefix) =>
        new(fixture.Cluster.BackupDisk, keyPrefix[fixture.Cluster.BackupDiskPrefix.Length..]);

    private static Task<BackupOperation> RunAsync(IClickHouseClient client, SystemBackups backups, BackupRequest request) =>
        RunAsync(client, backups, request.Id, BackupSqlBuilder.Backup(request));

    private static Task<BackupOperation> RunAsync(IClickHouseClient client, SystemBackups backups, RestoreRequest request) =>
        RunAsync(client, backups, request.Id, BackupSqlBuilder.Restore(request));

    private static async Task<BackupOperation> RunAsync(IClickHouseClient client, SystemBackups backups, string id, SqlStatement statement)
    {
        await client.ExecuteAsync(new ClickHouseQuery(statement.Text), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await backups.WaitAsync(id, Poll, progress: null, timeout.Token);
    }

    private static async Task CreateShardDataAsync(IClickHouseClient client, string db, int shard, int rows)
    {
        await client.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS {db} SYNC"), default);
        await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE {db}"), default);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"CREATE TABLE {db}.orders (id UInt64, shard UInt8, amount UInt32) ENGINE = MergeTree ORDER BY id"), default);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"CREATE TABLE {db}.customers (id UInt64, name String) ENGINE = MergeTree ORDER BY id"), default);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"INSERT INTO {db}.orders SELECT number * {shard}, {shard}, number % 1000 FROM numbers({{rows:UInt64}})")
        {
            Parameters = [QueryParameter.UInt64("rows", (ulong)rows)],
        }, default);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"INSERT INTO {db}.customers SELECT number, concat('customer-{shard}-', toString(number)) FROM numbers(100)"), default);
    }

    private static async Task<Figures> FiguresAsync(IClickHouseClient client, string db) =>
        Assert.Single(await client.QueryAsync(new ClickHouseQuery(
            $"SELECT (SELECT count() FROM {db}.orders) AS rows, (SELECT sum(amount) FROM {db}.orders) AS amount, " +
            $"(SELECT sum(cityHash64(id, shard, amount)) FROM {db}.orders) AS checksum, (SELECT count() FROM {db}.customers) AS customers"),
            IntegrationJson.Default.Figures, default));

    private async Task AssertKeysSitUnderTheirShardAsync(BackupLayout layout, ClusterDescription cluster, RunId fullRun, RunId incrementalRun)
    {
        using var store = fixture.ObjectStore();
        var all = await store.ListAllAsync(layout.ClusterRoot, delimiter: null, default);
        var shardRoots = cluster.Shards().Select(s => layout.ShardRoot(layout.ShardPath(new ShardId(s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))))).ToList();

        Assert.NotEmpty(all.Objects);
        Assert.All(all.Objects, o => Assert.Contains(shardRoots, root => o.Key.StartsWith(root, StringComparison.Ordinal)));
        foreach (var shard in cluster.Shards())
        {
            var path = layout.ShardPath(new ShardId(shard.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(await store.ExistsAsync(layout.NativeMetadataKey(path, BackupKind.Full, fullRun), default));
            Assert.True(await store.ExistsAsync(layout.NativeMetadataKey(path, BackupKind.Incremental, incrementalRun), default));
            Assert.Contains(all.Objects, o => o.Key.StartsWith(layout.BackupPrefix(path, BackupKind.Full, fullRun) + "data/", StringComparison.Ordinal));
        }
    }
}

public sealed record Figures(
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("amount")] ulong Amount,
    [property: JsonPropertyName("checksum")] ulong Checksum,
    [property: JsonPropertyName("customers")] ulong Customers);

[JsonSerializable(typeof(Figures))]
internal sealed partial class IntegrationJson : JsonSerializerContext;
