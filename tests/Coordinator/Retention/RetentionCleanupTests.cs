using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class RetentionCleanupTests : IAsyncLifetime
{
    private readonly RetentionWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    /// <summary>Three chains on shard 1: 1101 ← 1102 ← 1103, 1108 ← 1109, 1115 ← 1116.</summary>
    private async Task<CatalogEntry[]> ThreeChainsAsync(string shard = "1")
    {
        CatalogEntry[] entries =
        [
            await world.BackupAsync(shard, "1101"), await world.BackupAsync(shard, "1102", "1101"), await world.BackupAsync(shard, "1103", "1102"),
            await world.BackupAsync(shard, "1108"), await world.BackupAsync(shard, "1109", "1108"),
            await world.BackupAsync(shard, "1115"), await world.BackupAsync(shard, "1116", "1115"),
        ];
        await world.CatalogAsync(shard, entries);
        return entries;
    }

    [Fact]
    public async Task Removes_the_oldest_chain_incrementals_newest_first_then_the_full_each_sidecar_first_and_updates_the_catalog()
    {
        var entries = await ThreeChainsAsync();
        var bytes = new Dictionary<string, long>();
        foreach (var entry in entries)
        {
            bytes[entry.RunId.Value] = (await world.Memory.ListAllAsync(entry.Prefix, null, default)).Objects.Sum(o => o.Size);
        }

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var shard = Assert.Single(report.Shards);
        Assert.Null(shard.Skipped);
        Assert.Equal(["20261101T020000Z", "20261102T020000Z", "20261103T020000Z"],
            shard.Backups.Where(b => b.Decision == RetentionDecisions.Remove).Select(b => b.RunId));
        Assert.All(shard.Backups.Where(b => b.Decision == RetentionDecisions.Remove), b => Assert.Equal((6L, bytes[b.RunId], 0), (b.Deletion!.ObjectsDeleted, b.Deletion.BytesDeleted, b.Deletion.Failures.Count)));
        Assert.All(shard.Backups.Where(b => b.Decision == RetentionDecisions.Keep), b => Assert.Null(b.Deletion));

        // Per removed backup: one batch with only its sidecar, then one with the rest; 1103, then 1102, then the full 1101.
        var batches = world.Recorder.DeleteBatches;
        Assert.Equal(6, batches.Count);
        string[] order = ["1103", "1102", "1101"];
        for (var i = 0; i < order.Length; i++)
        {
            var prefix = entries.Single(e => e.RunId == RetentionCatalog.Run(order[i])).Prefix;
            Assert.Equal([prefix + BackupLayout.SidecarName], batches[2 * i]);
            Assert.Equal(5, batches[(2 * i) + 1].Count);
            Assert.All(batches[(2 * i) + 1], k => Assert.StartsWith(prefix, k, StringComparison.Ordinal));
            Assert.Empty(await world.KeysAsync(prefix));
        }
        foreach (var kept in entries.Skip(3))
        {
            Assert.Equal(6, (await world.KeysAsync(kept.Prefix)).Count);
        }
        Assert.Equal(["20261108T020000Z", "20261109T020000Z", "20261115T020000Z", "20261116T020000Z"], await world.IndexedAsync("1"));
        // The chain entity's cached catalog is the new one.
        var cached = await world.Catalogs.ReadAsync(world.Shard("1"), default);
        Assert.Equal(4, cached.Backups.Count);
    }

    [Fact]
    public async Task A_dry_run_returns_every_decision_with_its_reason_and_touches_nothing()
    {
        await ThreeChainsAsync();
        var objects = world.Memory.Count;
        world.Store.Reset();

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: true, default);

        Assert.True(report.DryRun);
        Assert.Equal(new RetentionPolicyView(2, null), report.Policy);
        var decisions = Assert.Single(report.Shards).Backups;
        Assert.Equal(7, decisions.Count);
        Assert.Equal(("remove", "chain beyond keep_full_backups = 2 (keep_days not set)", "20261101T020000Z"),
            (decisions[1].Decision, decisions[1].Reason, decisions[1].Chain));
        Assert.Equal(("keep", "newest chain is always kept"), (decisions[6].Decision, decisions[6].Reason));
        Assert.All(decisions, d => Assert.Null(d.Deletion));
        Assert.Equal(objects, world.Memory.Count);
        var counts = world.Store.Counts;
        Assert.Equal((0, 0), (counts.Puts, counts.DeleteBatches));
        Assert.Equal(7, (await world.IndexedAsync("1")).Count);
    }

    [Fact]
    public async Task A_backup_of_more_than_1000_objects_is_deleted_in_batches_of_at_most_1000_keys()
    {
        var old = await world.BackupAsync("1", "1101", files: 2_500);
        var newest = await world.BackupAsync("1", "1108");
        await world.CatalogAsync("1", old, newest);

        var report = await world.Cleanup(new RetentionPolicy(1)).RunAsync([world.Shard("1")], dryRun: false, default);

        Assert.Equal([1, 1000, 1000, 502], world.Recorder.DeleteBatches.Select(b => b.Count));
        Assert.Equal(2_503, Assert.Single(report.Shards).Backups[0].Deletion!.ObjectsDeleted);
        Assert.Empty(await world.KeysAsync(old.Prefix));
    }

    [Fact]
    public async Task A_chain_an_operation_in_progress_uses_is_kept()
    {
        await ThreeChainsAsync();
        world.InUse.Current = ScriptedBackupsInUse.Using("1", "1102", "run 20261122T020000Z builds on it");

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        Assert.All(Assert.Single(report.Shards).Backups, b => Assert.Equal(RetentionDecisions.Keep, b.Decision));
        Assert.Equal("chain has a backup in progress (20261102T020000Z is in use)", report.Shards[0].Backups[0].Reason);
        Assert.Empty(world.Recorder.DeleteBatches);
    }

    [Fact]
    public async Task An_operation_that_starts_using_a_backup_while_it_is_removed_gets_the_entries_back_and_nothing_is_deleted()
    {
        await ThreeChainsAsync();
        // Planning sees no operation; by the re-check a run uses 1101 (a racing delete of an old chain).
        world.InUse.Then(BackupsInUse.None);
        world.InUse.Current = ScriptedBackupsInUse.Using("1", "1101", "run 20261122T020000Z builds on it");

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var shard = Assert.Single(report.Shards);
        Assert.Equal("an operation started using a backup while it was being removed (20261101T020000Z: run 20261122T020000Z builds on it); nothing was deleted", shard.Skipped);
        Assert.Empty(world.Recorder.DeleteBatches);
        Assert.Equal(7, (await world.IndexedAsync("1")).Count);
        Assert.Equal(7, (await world.Catalogs.ReadAsync(world.Shard("1"), default)).Backups.Count);
    }

    [Fact]
    public async Task Keys_S3_refuses_are_reported_one_by_one_and_the_rest_is_deleted()
    {
        var entries = await ThreeChainsAsync();
        var refused = entries[0].Prefix + "data/db/events/part_00001.bin";
        world.Recorder.Refuse = key => key == refused;

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var full = report.Shards[0].Backups[0];
        Assert.Equal(5, full.Deletion!.ObjectsDeleted);
        Assert.Equal([new DeleteFailureView(refused, "AccessDenied", "Access Denied")], full.Deletion.Failures);
        Assert.Equal([refused], await world.KeysAsync(entries[0].Prefix));
        Assert.Equal("removed 3 backup(s) (20261101T020000Z, 20261102T020000Z, 20261103T020000Z): 17 object(s), " +
            $"{report.Shards[0].Backups.Sum(b => b.Deletion?.BytesDeleted ?? 0)} byte(s); 1 object(s) could not be deleted",
            CleanupSummary.Describe(report.Shards[0]));
    }

    [Fact]
    public async Task When_S3_refuses_the_sidecar_the_folder_is_left_whole()
    {
        var entries = await ThreeChainsAsync();
        world.Recorder.Refuse = key => key == entries[2].Prefix + BackupLayout.SidecarName;

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var failed = report.Shards[0].Backups.Single(b => b.RunId == "20261103T020000Z").Deletion!;
        Assert.Equal((0, 1), (failed.ObjectsDeleted, failed.Failures.Count));
        Assert.Equal(6, (await world.KeysAsync(entries[2].Prefix)).Count);
    }

    [Fact]
    public async Task A_catalog_entry_outside_its_layout_folder_is_never_deleted()
    {
        var entries = await ThreeChainsAsync();
        var damaged = entries[0] with { Prefix = "p/c/" };
        await world.CatalogAsync("1", [damaged, .. entries.Skip(1)]);

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var failure = Assert.Single(report.Shards[0].Backups[0].Deletion!.Failures);
        Assert.Equal(("p/c/", "UnexpectedPrefix"), (failure.Key, failure.Code));
        Assert.Equal(6, (await world.KeysAsync(entries[0].Prefix)).Count);
        Assert.Empty(await world.KeysAsync(entries[1].Prefix));
    }

    [Fact]
    public async Task A_backup_retried_in_an_attempt_folder_is_removed_like_any_other()
    {
        CatalogEntry[] entries = [await world.BackupAsync("1", "1101", attempt: 2), await world.BackupAsync("1", "1102"), await world.BackupAsync("1", "1103")];
        await world.CatalogAsync("1", entries);

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1")], dryRun: false, default);

        var removed = report.Shards[0].Backups.Single(b => b.RunId == "20261101T020000Z").Deletion!;
        Assert.Equal((6, 0), (removed.ObjectsDeleted, removed.Failures.Count));
        Assert.Empty(await world.KeysAsync(entries[0].Prefix));
    }

    [Fact]
    public async Task An_unreadable_catalog_skips_that_shard_only()
    {
        await ThreeChainsAsync("1");
        await ThreeChainsAsync("2");
        await world.Memory.PutAsync(world.Layout.CatalogKey("shard-2"), "{not json"u8.ToArray(), null, default);

        var report = await world.Cleanup(new RetentionPolicy(2)).RunAsync([world.Shard("1"), world.Shard("2")], dryRun: false, default);

        Assert.Null(report.Shards[0].Skipped);
        Assert.StartsWith("not cleaned: reading the catalog of shard 2 failed: catalog document 'p/c/shard-2/catalog.json' is unreadable", report.Shards[1].Skipped, StringComparison.Ordinal);
        Assert.Equal(3, report.Shards[0].Backups.Count(b => b.Decision == RetentionDecisions.Remove));
    }
}
