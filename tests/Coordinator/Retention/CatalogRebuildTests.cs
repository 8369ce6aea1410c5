using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class CatalogRebuildTests : IAsyncLifetime
{
    private readonly RetentionWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_deleted_catalog_is_rebuilt_from_the_sidecars_with_every_field()
    {
        CatalogEntry[] entries = [await world.BackupAsync("1", "1101"), await world.BackupAsync("1", "1102", "1101"), await world.BackupAsync("1", "1108")];
        await world.CatalogAsync("1", entries);
        var before = await world.Catalogs.ReadAsync(world.Shard("1"), default);
        await world.Memory.DeleteAsync(world.Layout.CatalogKey("shard-1"), default);

        var report = await world.Rebuild().RunAsync([world.Shard("1")], default);

        var shard = Assert.Single(report.Shards);
        Assert.Equal(new ShardRebuildView("1", "shard-1", 3, ["20261101T020000Z", "20261102T020000Z", "20261108T020000Z"], [], [], false, null),
            shard with { Added = [.. shard.Added], Dropped = [.. shard.Dropped], Unusable = [.. shard.Unusable] }, new RebuildViewComparer());
        var rebuilt = await world.Catalog.ReadShardAsync(new ShardId("1"), "shard-1", default);
        Assert.Equal(entries.Select(Comparable), rebuilt.Backups.Select(Comparable));
        Assert.Equal(("c", "1", "shard-1"), (rebuilt.Cluster, rebuilt.Shard, rebuilt.ShardPath));
        // The chain entity's cache is the rebuilt catalog (it had cached the old one before).
        Assert.Equal(before.Backups.Select(Comparable), (await world.Catalogs.ReadAsync(world.Shard("1"), default)).Backups.Select(Comparable));
    }

    [Fact]
    public async Task Reports_added_dropped_and_unusable_sidecars_and_ignores_folders_without_sidecar()
    {
        var full = await world.BackupAsync("1", "1101");
        var gone = await world.BackupAsync("1", "1102", "1101");
        var failed = await world.BackupAsync("1", "1103", "1102");
        var corrupt = await world.BackupAsync("1", "1104");
        var unlisted = await world.BackupAsync("1", "1105");
        await world.NativeFilesAsync("1", "1106");
        await world.CatalogAsync("1", full, gone, failed, corrupt);
        await world.Memory.DeleteAsync(gone.Prefix + BackupLayout.SidecarName, default);
        var sidecar = (await world.Catalog.ReadSidecarAsync(failed.Prefix, default))!;
        await world.Catalog.WriteSidecarAsync(failed.Prefix, sidecar with { Status = "failed" }, default);
        await world.Memory.PutAsync(corrupt.Prefix + BackupLayout.SidecarName, "{\"version\":"u8.ToArray(), null, default);

        var shard = Assert.Single((await world.Rebuild().RunAsync([world.Shard("1")], default)).Shards);

        Assert.Equal((2, false, null), (shard.Found, shard.OldIndexUnreadable, shard.Error));
        Assert.Equal(["20261105T020000Z"], shard.Added);
        Assert.Equal(["20261102T020000Z", "20261103T020000Z", "20261104T020000Z"], shard.Dropped);
        Assert.Equal([corrupt.Prefix + BackupLayout.SidecarName, failed.Prefix + BackupLayout.SidecarName], shard.Unusable.Select(u => u.Key));
        Assert.Contains("is unreadable", shard.Unusable[0].Reason, StringComparison.Ordinal);
        Assert.Equal("status is 'failed', not 'success'", shard.Unusable[1].Reason);
        Assert.Equal(["20261101T020000Z", "20261105T020000Z"], await world.IndexedAsync("1"));
        Assert.Equal(unlisted.Prefix, (await world.Catalogs.ReadAsync(world.Shard("1"), default)).Backups[1].Prefix);
    }

    [Fact]
    public async Task A_retried_backup_is_indexed_from_its_attempt_folder_and_the_lost_attempt_is_not()
    {
        await world.NativeFilesAsync("1", "1101");
        var retry = await world.BackupAsync("1", "1101", attempt: 2);

        var shard = Assert.Single((await world.Rebuild().RunAsync([world.Shard("1")], default)).Shards);

        Assert.Equal((1, 0), (shard.Found, shard.Unusable.Count));
        Assert.Equal(retry.Prefix, Assert.Single((await world.Catalogs.ReadAsync(world.Shard("1"), default)).Backups).Prefix);
    }

    [Fact]
    public async Task Finds_shard_folders_in_S3_that_no_agent_serves_and_replaces_an_unreadable_index()
    {
        await world.BackupAsync("1", "1101");
        await world.BackupAsync("3", "1101");
        await world.CatalogAsync("3");
        await world.Memory.PutAsync(world.Layout.CatalogKey("shard-3"), "garbage"u8.ToArray(), null, default);
        await world.Memory.PutAsync(world.Layout.RunManifestKey(RetentionCatalog.Run("1101")), "{}"u8.ToArray(), null, default);
        await world.Memory.PutAsync(world.Layout.JournalPrefix + "active-run.json", "{}"u8.ToArray(), null, default);
        await world.Memory.PutAsync(world.Layout.ClusterRoot + "notes/readme.txt", "x"u8.ToArray(), null, default);

        var report = await world.Rebuild().RunAsync([world.Shard("1")], default);

        Assert.Equal([("1", "shard-1", 1, false), ("3", "shard-3", 1, true)], report.Shards.Select(s => (s.Shard, s.ShardPath, s.Found, s.OldIndexUnreadable)));
        Assert.Equal(["20261101T020000Z"], await world.IndexedAsync("3"));
    }

    [Fact]
    public async Task Verification_marks_are_kept_from_the_old_index_or_read_back_from_each_backups_verify_report()
    {
        var kept = await world.BackupAsync("1", "1101");
        var mark = new LastVerification(RetentionCatalog.Now.AddDays(-1), true, "replica-2", "2 table(s) match, 2 by checksum");
        await world.CatalogAsync("1", kept with { LastVerified = mark });
        var reported = await world.BackupAsync("2", "1101");
        var otherRun = await world.BackupAsync("2", "1102", "1101");
        var unverified = await world.BackupAsync("2", "1103", "1102");
        await world.Memory.PutAsync(BackupLayout.VerifyReportKey(reported.Prefix), Report(reported, passed: false), "application/json", default);
        await world.Memory.PutAsync(BackupLayout.VerifyReportKey(otherRun.Prefix), Report(reported, passed: true), "application/json", default);
        await world.Memory.PutAsync(BackupLayout.VerifyReportKey(unverified.Prefix), "{not json"u8.ToArray(), "application/json", default);

        await world.Rebuild().RunAsync([world.Shard("1"), world.Shard("2")], default);

        var shard1 = await world.Catalog.ReadShardAsync(new ShardId("1"), "shard-1", default);
        var shard2 = await world.Catalog.ReadShardAsync(new ShardId("2"), "shard-2", default);
        Assert.Equal(mark, Assert.Single(shard1.Backups).LastVerified);
        var read = shard2.Backups[0].LastVerified!;
        Assert.Equal((RetentionCatalog.Now, false, "replica-1"), (read.At, read.Passed, read.Replica));
        Assert.Contains("db.events: restored 9 rows, recorded 10", read.Summary, StringComparison.Ordinal);
        Assert.Equal([null, null], shard2.Backups.Skip(1).Select(b => b.LastVerified));
    }

    private static byte[] Report(CatalogEntry entry, bool passed) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
        new VerifyShardView("2", entry.RunId.Value, entry.Prefix, "replica-1", passed, 1.5, null, null, ["scratch"],
            [new VerifyTableView("db", "events", passed, "10", passed ? 10UL : 9UL, "match", passed ? null : "restored 9 rows, recorded 10")]),
        VerifyApiJson.Default.VerifyShardView);

    private static string Comparable(CatalogEntry e) =>
        $"{e.RunId}|{e.Kind}|{e.Prefix}|{e.BaseRunId}|{e.Replica}|{e.NumFiles}|{e.TotalSize}|{e.UncompressedSize}|{e.CompressedSize}|{e.StartedAt:O}|{e.FinishedAt:O}|{e.ChainDepth}|{string.Join(",", e.Databases)}";

    private sealed class RebuildViewComparer : IEqualityComparer<ShardRebuildView>
    {
        public bool Equals(ShardRebuildView? x, ShardRebuildView? y) =>
            x is not null && y is not null && (x.Shard, x.ShardPath, x.Found, x.OldIndexUnreadable, x.Error) == (y.Shard, y.ShardPath, y.Found, y.OldIndexUnreadable, y.Error)
            && x.Added.SequenceEqual(y.Added) && x.Dropped.SequenceEqual(y.Dropped) && x.Unusable.SequenceEqual(y.Unusable);

        public int GetHashCode(ShardRebuildView obj) => obj.ShardPath.GetHashCode(StringComparison.Ordinal);
    }
}
