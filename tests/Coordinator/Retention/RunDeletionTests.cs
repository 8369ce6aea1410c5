using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Retention.RetentionCatalog;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class RunDeletionTests : IAsyncLifetime
{
    private readonly RetentionWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    /// <summary>On each shard: 1101 ← 1102 ← 1103, and 1108.</summary>
    private async Task<Dictionary<string, CatalogEntry>> ChainAsync(params string[] shards)
    {
        var entries = new Dictionary<string, CatalogEntry>();
        foreach (var shard in shards)
        {
            CatalogEntry[] backups =
            [
                await world.BackupAsync(shard, "1101"), await world.BackupAsync(shard, "1102", "1101"),
                await world.BackupAsync(shard, "1103", "1102"), await world.BackupAsync(shard, "1108"),
            ];
            await world.CatalogAsync(shard, backups);
            foreach (var b in backups)
            {
                entries[$"{shard}/{b.RunId.StartedAt:MMdd}"] = b;
            }
        }
        return entries;
    }

    private Task<DeleteRunOutcome> DeleteAsync(string day, bool cascade = false, string? shard = null, params string[] shards) =>
        world.Deletion().RunAsync([.. (shards.Length == 0 ? ["1", "2"] : shards).Select(world.Shard)], new DeleteRunOptions(Run(day), shard is null ? null : new ShardId(shard), cascade), default);

    [Fact]
    public async Task Deleting_a_backup_others_build_on_is_refused_naming_them_and_nothing_changes()
    {
        await ChainAsync("1", "2");
        var objects = world.Memory.Count;

        var outcome = await DeleteAsync("1102");

        var refused = Assert.IsType<DeleteRunOutcome.Refused>(outcome);
        Assert.Equal("has_dependents", refused.Code);
        Assert.Equal("not deleted: backup 20261102T020000Z of shard 1 has 1 dependent backup(s) that build on it: 20261103T020000Z; delete them too with --cascade; " +
            "backup 20261102T020000Z of shard 2 has 1 dependent backup(s) that build on it: 20261103T020000Z; delete them too with --cascade", refused.Message);
        Assert.Equal(objects, world.Memory.Count);
        Assert.Equal(4, (await world.IndexedAsync("1")).Count);
    }

    [Fact]
    public async Task Cascade_deletes_the_dependents_newest_first_then_the_backup_on_every_shard()
    {
        var backups = await ChainAsync("1", "2");

        var outcome = await DeleteAsync("1101", cascade: true);

        var report = Assert.IsType<DeleteRunOutcome.Deleted>(outcome).Report;
        Assert.Equal(
            [("1", "20261103T020000Z", "builds on 20261102T020000Z"), ("1", "20261102T020000Z", "builds on 20261101T020000Z"), ("1", "20261101T020000Z", "requested"),
             ("2", "20261103T020000Z", "builds on 20261102T020000Z"), ("2", "20261102T020000Z", "builds on 20261101T020000Z"), ("2", "20261101T020000Z", "requested")],
            report.Deleted.Select(d => (d.Shard, d.RunId, d.Reason)));
        Assert.All(report.Deleted, d => Assert.Equal((6, 0), (d.Deletion.ObjectsDeleted, d.Deletion.Failures.Count)));
        var sidecars = world.Recorder.DeleteBatches.Where(b => b.Count == 1).Select(b => b[0]).ToList();
        Assert.Equal([.. new[] { "1/1103", "1/1102", "1/1101", "2/1103", "2/1102", "2/1101" }.Select(k => backups[k].Prefix + BackupLayout.SidecarName)], sidecars);
        Assert.Equal(["20261108T020000Z"], await world.IndexedAsync("1"));
        Assert.Equal(["20261108T020000Z"], await world.IndexedAsync("2"));
        Assert.Equal(6, (await world.KeysAsync(backups["1/1108"].Prefix)).Count);
    }

    [Fact]
    public async Task A_backup_nothing_builds_on_is_deleted_on_the_given_shard_only()
    {
        var backups = await ChainAsync("1", "2");

        var outcome = await DeleteAsync("1103", shard: "2", shards: "2");

        var deleted = Assert.Single(Assert.IsType<DeleteRunOutcome.Deleted>(outcome).Report.Deleted);
        Assert.Equal(("2", "20261103T020000Z", "incremental", "requested"), (deleted.Shard, deleted.RunId, deleted.Kind, deleted.Reason));
        Assert.Empty(await world.KeysAsync(backups["2/1103"].Prefix));
        Assert.Equal(6, (await world.KeysAsync(backups["1/1103"].Prefix)).Count);
    }

    [Fact]
    public async Task A_run_without_backups_is_not_found()
    {
        await ChainAsync("1", "2");

        var outcome = await DeleteAsync("1105");

        Assert.Equal("run 20261105T020000Z has no backup on any of the shards 1, 2", Assert.IsType<DeleteRunOutcome.NotFound>(outcome).Message);
    }

    [Fact]
    public async Task A_backup_an_operation_uses_is_refused_and_so_is_a_cascade_reaching_it()
    {
        await ChainAsync("1");
        world.InUse.Current = ScriptedBackupsInUse.Using("1", "1103", "verify 7 reads it");

        var direct = Assert.IsType<DeleteRunOutcome.Refused>(await DeleteAsync("1103", shards: "1"));
        var cascade = Assert.IsType<DeleteRunOutcome.Refused>(await DeleteAsync("1101", cascade: true, shards: "1"));

        Assert.Equal(("in_use", "not deleted: shard 1: an operation in progress uses 20261103T020000Z (verify 7 reads it)"), (direct.Code, direct.Message));
        Assert.Equal("in_use", cascade.Code);
        Assert.Empty(world.Recorder.DeleteBatches);
    }

    [Fact]
    public async Task The_newest_backup_of_a_shard_a_run_has_not_planned_yet_is_in_use()
    {
        await ChainAsync("1");
        world.InUse.Current = new BackupsInUse([], [new UndecidedUse(new ShardId("1"), "run 20261122T020000Z has not planned shard 1 yet")]);

        var refused = Assert.IsType<DeleteRunOutcome.Refused>(await DeleteAsync("1108", shards: "1"));

        Assert.Contains("20261108T020000Z (run 20261122T020000Z has not planned shard 1 yet)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_starts_using_it_during_the_deletion_gets_it_back()
    {
        await ChainAsync("1");
        world.InUse.Then(BackupsInUse.None);
        world.InUse.Current = ScriptedBackupsInUse.Using("1", "1108", "run 20261122T020000Z builds on it");

        var report = Assert.IsType<DeleteRunOutcome.Deleted>(await DeleteAsync("1108", shards: "1")).Report;

        Assert.Empty(report.Deleted);
        Assert.StartsWith("shard 1: an operation started using a backup while it was being removed", Assert.Single(report.Skipped), StringComparison.Ordinal);
        Assert.Equal(4, (await world.IndexedAsync("1")).Count);
        Assert.Empty(world.Recorder.DeleteBatches);
    }

    public static TheoryData<string, ShardCatalog, string, bool, string> Plans => new()
    {
        { "absent", Of(Full("1101")), "1102", false, "absent" },
        { "a full without dependents", Of(Full("1101"), Full("1108")), "1101", false, "1101" },
        { "dependents refused", Of(Full("1101"), Inc("1102", "1101"), Inc("1103", "1102")), "1101", false, "refused has_dependents" },
        { "cascade, transitively, newest first", Of(Full("1101"), Inc("1102", "1101"), Inc("1103", "1102"), Inc("1104", "1101"), Full("1105"), Inc("1106", "1105")), "1101", true, "1104 1103 1102 1101" },
        { "a middle incremental", Of(Full("1101"), Inc("1102", "1101"), Inc("1103", "1102")), "1102", true, "1103 1102" },
        { "a damaged later base is no dependency", Of(Full("1101"), Inc("1102", "1103"), Full("1103")), "1103", false, "1103" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Plans_one_shard(string name, ShardCatalog catalog, string day, bool cascade, string expected)
    {
        var plan = RunDeletionPlanner.Plan(catalog, Run(day), cascade, new Dictionary<RunId, string>());

        var actual = plan switch
        {
            RunDeletionPlan.Absent => "absent",
            RunDeletionPlan.Refused r => $"refused {r.Code}",
            RunDeletionPlan.Delete d => string.Join(' ', d.Steps.Select(s => s.Backup.RunId.StartedAt.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture))),
            _ => "?",
        };
        Assert.True(expected == actual, $"{name}: expected {expected}, got {actual}");
    }
}
