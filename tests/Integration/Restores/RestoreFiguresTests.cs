using System.Globalization;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;
using Xunit.Abstractions;

namespace ClickVault.Cluster.Integration.Tests.Restores;

/// <summary>What a backup records about its tables (for verification), and how long a restore of the demo data takes.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class RestoreFiguresTests(TwoByTwoClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_backups_sidecar_lists_every_table_with_engine_rows_and_the_parts_the_source_has()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "figures");
        await scenario.CreateDataAsync(3_000);
        await scenario.CreateMoreTablesAsync();
        await scenario.ExecuteAllAsync($"CREATE VIEW {scenario.Database}.big_events AS SELECT * FROM {scenario.Database}.events WHERE amount > 500");
        var run = await scenario.RunAsync();
        using var store = new S3ObjectStore(scenario.S3Options());
        var catalog = new CatalogStore(store, new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster))));

        foreach (var shard in run.Shards)
        {
            var prefix = catalog.Layout.BackupPrefix(catalog.Layout.ShardPath(new ShardId(shard.Shard)), BackupKind.Full, RunId.Parse(run.RunId));
            var tables = (await catalog.ReadSidecarAsync(prefix, default))!.Tables!;
            var node = scenario.Cluster.Nodes.Single(n => n.Shard.ToString(CultureInfo.InvariantCulture) == shard.Shard && n.Replica == shard.Replica);
            var source = await scenario.TablesAsync(node, scenario.Database);

            Assert.Equal(["big_events", "customers", "events", "events_daily"], tables.Select(t => t.Table));
            Assert.Equal(("View", null, null), (tables[0].Engine, tables[0].Rows, tables[0].Checksum));
            Assert.Equal(["MergeTree", "MergeTree", "SummingMergeTree"], tables.Skip(1).Select(t => t.Engine));
            foreach (var table in tables.Skip(1))
            {
                var measured = source.Single(t => t.Name == table.Table);
                Assert.Equal(measured.Rows, table.Rows);
                Assert.Null(table.Checksum);
                var parts = await scenario.Client(node).QueryAsync(new ClickHouseQuery(
                    "SELECT name, hash_of_all_files AS hash FROM system.parts WHERE database = {db:String} AND table = {t:String} AND active ORDER BY name")
                {
                    Parameters = [QueryParameter.String("db", scenario.Database), QueryParameter.String("t", table.Table)],
                }, FiguresJson.Default.Part, default);
                Assert.Equal(parts.Select(p => (p.Name, p.Hash)), table.Parts!.Select(p => (p.Name, p.Hash)));
            }
        }
    }

    [Fact]
    public async Task Restoring_the_demo_data_takes_a_measured_wall_time_reported_beside_the_backup()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "timing");
        await scenario.CreateDataAsync(10);
        foreach (var node in scenario.Cluster.Nodes)
        {
            // The demo's events table (scripts/demo.sh seeds 100,000 rows x shard number per shard).
            await scenario.ExecuteAsync(node,
                $"CREATE TABLE {scenario.Database}.demo_events (id UInt64, shard UInt16, at DateTime, kind LowCardinality(String), value Float64) ENGINE = MergeTree ORDER BY (kind, id)");
            await scenario.ExecuteAsync(node,
                $"INSERT INTO {scenario.Database}.demo_events SELECT number, {node.Shard}, toDateTime('2026-11-22 00:00:00') - number, ['view','click','buy'][number % 3 + 1], number * {node.Shard} / 7 FROM numbers({100_000 * node.Shard})");
        }

        var run = await scenario.RunAsync(full: true);
        var copy = scenario.Database + "_timed";
        try
        {
            var (restore, _) = await scenario.RestoreAndWaitAsync(new StartRestoreRequest(run.RunId, AsDatabase: copy));

            Assert.Equal("succeeded", restore.State);
            foreach (var node in scenario.Cluster.Nodes)
            {
                Assert.Equal(await scenario.TablesAsync(node, scenario.Database), await scenario.TablesAsync(node, copy));
            }

            var backup = run.FinishedAt!.Value - run.StartedAt;
            var restored = restore.FinishedAt!.Value - restore.StartedAt;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demo data (100k + 200k rows, 2 shards x 2 replicas): backup run {backup.TotalMilliseconds:0} ms, restore on every replica {restored.TotalMilliseconds:0} ms, " +
                $"bytes read {restore.Shards.Sum(s => s.Replicas.Sum(r => (double)r.BytesRead)):0}"));
        }
        finally
        {
            await scenario.ExecuteAllAsync($"DROP DATABASE IF EXISTS {copy}");
        }
    }
}

internal sealed record PartRow([property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name, [property: System.Text.Json.Serialization.JsonPropertyName("hash")] string Hash);

[System.Text.Json.Serialization.JsonSerializable(typeof(PartRow), TypeInfoPropertyName = "Part")]
internal sealed partial class FiguresJson : System.Text.Json.Serialization.JsonSerializerContext;
