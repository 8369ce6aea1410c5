using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Integration.Tests.Restores;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Verification;

/// <summary>Verification end to end on the embedded 2x2 cluster: RESTORE into scratch from S3, compare with the sidecar, record.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class VerifyTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task A_good_backup_passes_on_both_shards_is_recorded_in_the_catalog_and_leaves_no_scratch_database()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "verifyok");
        await scenario.CreateDataAsync(3_000);
        await scenario.CreateMoreTablesAsync();
        var run = await scenario.RunAsync();
        // What a verification interrupted by a coordinator stop leaves on the replica the next one uses.
        var leftover = $"clickvault_verify_20200101T000000Z_1_{scenario.Database}";
        var s1r1 = scenario.Cluster.Nodes.Single(n => n is { Shard: 1, Replica: "replica-1" });
        await scenario.ExecuteAsync(s1r1, $"CREATE DATABASE {leftover}");
        await scenario.ExecuteAsync(s1r1, $"CREATE TABLE {leftover}.events (id UInt64) ENGINE = MergeTree ORDER BY id");

        var report = (await scenario.VerifyAsync(new StartVerifyRequest("latest"))).View;

        Assert.True(report.Passed, Describe(report));
        Assert.Equal([("1", "replica-1", [leftover]), ("2", report.Shards[1].Replica, [])],
            report.Shards.Select(s => (s.Shard, s.Replica, (IReadOnlyList<string>)[.. s.LeftoversDropped])).ToList(), new LeftoverComparer());
        Assert.Equal(["1", "2"], report.Shards.Select(s => s.Shard));
        foreach (var shard in report.Shards)
        {
            Assert.Equal(run.RunId, shard.RunId);
            Assert.Equal([$"clickvault_verify_{run.RunId}_{shard.Shard}_{scenario.Database}"], shard.ScratchDatabases);
            Assert.Equal(["customers", "events", "events_daily"], shard.Tables.Select(t => t.Table));
            Assert.All(shard.Tables, t => Assert.Equal((true, "1 parts identical, CHECK TABLE passed"), (t.Passed, t.Checksum)));
            Assert.Equal((ulong)(3_000 * int.Parse(shard.Shard, System.Globalization.CultureInfo.InvariantCulture)),
                shard.Tables.Single(t => t.Table == "events").RestoredRows);
        }

        Assert.Empty(await scenario.ScratchDatabasesAsync());
        var backups = await scenario.BackupsAsync();
        Assert.All(backups, b => Assert.True(b.LastVerified is { Passed: true } v && v.Summary == "3 table(s) match, 3 by identical parts"
            && v.Replica == report.Shards.Single(s => s.Shard == b.Shard).Replica, $"{b.Shard}: {b.LastVerified}"));
        using var store = new S3ObjectStore(scenario.S3Options());
        foreach (var backup in backups)
        {
            Assert.True(await store.ExistsAsync(BackupLayout.VerifyReportKey(backup.Prefix), default), backup.Prefix);
        }

        // status shows each shard's last verified restore.
        var status = await scenario.Coordinator.GetAsync(OperatorRoutes.Status, ApiJson.Default.StatusView);
        Assert.Equal(backups.Select(b => (b.Shard, (string?)b.RunId, b.LastVerified)), status.LastVerified.Select(v => (v.Shard, v.RunId, v.LastVerified)));

        // A catalog rebuild after shard 2's index is lost reads the mark back from the backup's verify report.
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        await store.DeleteAsync(layout.CatalogKey(layout.ShardPath(new ShardId("2"))), default);
        using (var rebuild = await scenario.Coordinator.Api.PostAsync(RetentionRoutes.CatalogRebuild.TrimStart('/'), null))
        {
            Assert.True(rebuild.IsSuccessStatusCode, await rebuild.Content.ReadAsStringAsync());
        }
        var rebuilt = await scenario.BackupsAsync();
        Assert.Equal(backups.Select(b => (b.Shard, b.RunId, b.LastVerified?.Passed, b.LastVerified?.Summary)),
            rebuilt.Select(b => (b.Shard, b.RunId, b.LastVerified?.Passed, b.LastVerified?.Summary)));

        // A run before any backup is unknown; a shard that is not in the cluster is a bad request.
        var unknown = await scenario.VerifyAsync(new StartVerifyRequest("20200101T000000Z"));
        var badShard = await scenario.VerifyAsync(new StartVerifyRequest("latest", "9"));
        Assert.Equal((404, "unknown_run"), (unknown.Status, unknown.Error!.Code));
        Assert.Equal((400, "invalid_request"), (badShard.Status, badShard.Error!.Code));
    }

    [Fact]
    public async Task A_deleted_data_object_of_one_table_fails_that_shard_naming_the_table_and_still_cleans_up()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "verifybad");
        await scenario.CreateDataAsync(2_000);
        await scenario.CreateMoreTablesAsync();
        var run = await scenario.RunAsync();
        Assert.NotEmpty(await scenario.DeleteDataFilesAsync("2", run.RunId, "/customers/"));

        var report = (await scenario.VerifyAsync(new StartVerifyRequest(run.RunId, "2"))).View;

        Assert.False(report.Passed, Describe(report));
        var shard = Assert.Single(report.Shards);
        Assert.Equal(("2", false), (shard.Shard, shard.Passed));
        Assert.True(shard.RestoreError?.Contains("/customers/", StringComparison.Ordinal) == true, Describe(report));
        Assert.Equal(["customers"], shard.Tables.Where(t => !t.Passed).Select(t => t.Table));
        Assert.Equal("rows: restored 0, recorded 250; parts: 1 of 1 recorded parts were not restored byte-identical (all_1_1_0)",
            shard.Tables.Single(t => t.Table == "customers").Problem);
        Assert.Empty(await scenario.ScratchDatabasesAsync());
        var recorded = (await scenario.BackupsAsync()).Where(b => b.RunId == run.RunId).ToDictionary(b => b.Shard, b => b.LastVerified);
        Assert.False(recorded["2"]!.Passed);
        Assert.Contains("customers", recorded["2"]!.Summary, StringComparison.Ordinal);
        Assert.Null(recorded["1"]);
    }

    private sealed class LeftoverComparer : IEqualityComparer<(string, string?, IReadOnlyList<string>)>
    {
        public bool Equals((string, string?, IReadOnlyList<string>) x, (string, string?, IReadOnlyList<string>) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.SequenceEqual(y.Item3);

        public int GetHashCode((string, string?, IReadOnlyList<string>) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    internal static string Describe(VerifyReportView report) => string.Join("\n", report.Shards.Select(s =>
        $"shard {s.Shard} passed={s.Passed} error={s.Error} restore={s.RestoreError}: " +
        string.Join("; ", s.Tables.Select(t => $"{t.Database}.{t.Table} {t.Passed} {t.RecordedRows}/{t.RestoredRows} {t.Checksum} {t.Problem}"))));
}
