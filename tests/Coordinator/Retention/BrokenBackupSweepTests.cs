using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class BrokenBackupSweepTests : IAsyncLifetime
{
    private static readonly CleanBrokenOptions Day = new(TimeSpan.FromHours(24), DryRun: false);
    private readonly RetentionWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Deletes_folders_without_sidecar_older_than_the_age_and_keeps_young_and_in_use_ones()
    {
        var complete = await world.BackupAsync("1", "1101");
        var old = await world.NativeFilesAsync("1", "1102", "1101", files: 1_200);
        var interrupted = await world.NativeFilesAsync("2", "1103", withBackupFile: false);
        var used = await world.NativeFilesAsync("2", "1104");
        world.Time.Advance(TimeSpan.FromHours(30));
        var young = await world.NativeFilesAsync("1", "1105");
        world.Time.Advance(TimeSpan.FromHours(2));
        world.InUse.Current = ScriptedBackupsInUse.Using("1", "1104", "run 20261104T020000Z writes it");

        var report = await world.Sweep().RunAsync([world.Shard("1"), world.Shard("2")], Day, default);

        Assert.Equal(
            [
                ("shard-1", "incremental", "20261102T020000Z", 1_202L, "delete"), ("shard-1", "full", "20261105T020000Z", 5L, "keep"),
                ("shard-2", "full", "20261103T020000Z", 4L, "delete"), ("shard-2", "full", "20261104T020000Z", 5L, "keep"),
            ],
            report.Folders.OrderBy(f => f.ShardPath, StringComparer.Ordinal).ThenBy(f => f.RunId, StringComparer.Ordinal).Select(f => (f.ShardPath, f.Kind, f.RunId, f.Objects, f.Decision)));
        var deleted = report.Folders.Single(f => f.RunId == "20261102T020000Z");
        Assert.Equal((32 * 3600L, "no sidecar and its newest object is 1d 08h old (older than 1d 00h)"), (deleted.AgeSeconds, deleted.Reason));
        Assert.Equal((1_202L, 0), (deleted.Deletion!.ObjectsDeleted, deleted.Deletion.Failures.Count));
        Assert.Equal("no sidecar, but its newest object is only 2h 00m old (younger than 1d 00h): it may still be written",
            report.Folders.Single(f => f.RunId == "20261105T020000Z").Reason);
        Assert.Equal("no sidecar, but an operation in progress uses run 20261104T020000Z (run 20261104T020000Z writes it)",
            report.Folders.Single(f => f.RunId == "20261104T020000Z").Reason);
        Assert.Empty(await world.KeysAsync(old.Prefix));
        Assert.Empty(await world.KeysAsync(interrupted.Prefix));
        Assert.Equal(5, (await world.KeysAsync(young.Prefix)).Count);
        Assert.Equal(5, (await world.KeysAsync(used.Prefix)).Count);
        Assert.Equal(6, (await world.KeysAsync(complete.Prefix)).Count);
        Assert.All(world.Recorder.DeleteBatches, b => Assert.InRange(b.Count, 1, 1000));
    }

    [Fact]
    public async Task A_dry_run_lists_count_size_and_age_and_touches_nothing()
    {
        var broken = await world.NativeFilesAsync("1", "1101", files: 2);
        world.Time.Advance(TimeSpan.FromDays(3));
        world.Store.Reset();

        var report = await world.Sweep().RunAsync([world.Shard("1")], Day with { DryRun = true }, default);

        var folder = Assert.Single(report.Folders);
        Assert.Equal(("20261101T020000Z", broken.Prefix, 4L, 70L, 3 * 86400L, "delete", null as ObjectDeletionView),
            (folder.RunId, folder.Prefix, folder.Objects, folder.Bytes, folder.AgeSeconds, folder.Decision, folder.Deletion));
        Assert.Equal((true, 86400L), (report.DryRun, report.OlderThanSeconds));
        Assert.Equal((0L, 0L), (world.Store.Counts.Puts, world.Store.Counts.DeleteBatches));
        Assert.Equal(4, (await world.KeysAsync(broken.Prefix)).Count);
    }

    [Fact]
    public async Task A_broken_folder_the_catalog_lists_leaves_the_catalog_first()
    {
        var full = await world.BackupAsync("1", "1101");
        var newer = await world.BackupAsync("1", "1108");
        await world.CatalogAsync("1", full, newer);
        await world.Memory.DeleteAsync(full.Prefix + BackupLayout.SidecarName, default);
        world.Time.Advance(TimeSpan.FromDays(2));

        var report = await world.Sweep().RunAsync([world.Shard("1")], Day, default);

        var folder = Assert.Single(report.Folders);
        Assert.True(folder.InCatalog);
        Assert.EndsWith("; the catalog still lists it", folder.Reason, StringComparison.Ordinal);
        Assert.Equal(["20261108T020000Z"], await world.IndexedAsync("1"));
        Assert.Empty(await world.KeysAsync(full.Prefix));
    }

    [Fact]
    public async Task A_retried_backups_lost_first_attempt_is_swept_and_the_catalogued_retry_beside_it_kept()
    {
        var lost = await world.NativeFilesAsync("1", "1101", withBackupFile: false);
        var retry = await world.BackupAsync("1", "1101", attempt: 2);
        await world.CatalogAsync("1", retry);
        world.Time.Advance(TimeSpan.FromDays(2));

        var report = await world.Sweep().RunAsync([world.Shard("1")], Day, default);

        var folder = Assert.Single(report.Folders);
        Assert.Equal((lost.Prefix, "20261101T020000Z", "delete", false), (folder.Prefix, folder.RunId, folder.Decision, folder.InCatalog));
        Assert.Equal("p/c/shard-1/full/20261101T020000Z.a2/", retry.Prefix);
        Assert.Empty(await world.KeysAsync(lost.Prefix));
        Assert.Equal(6, (await world.KeysAsync(retry.Prefix)).Count);
        Assert.Equal(["20261101T020000Z"], await world.IndexedAsync("1"));
    }
}
