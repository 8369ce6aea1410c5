using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Retention.RetentionCatalog;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class BackupsInUseTests
{
    private static ShardRunView Shard(string shard, string state, string? kind, string? baseRun) =>
        new(shard, "r1", kind, baseRun, null, state, 0, 0, 0, null, null, null, null);

    [Fact]
    public void An_active_run_uses_its_own_backups_their_bases_and_the_newest_backup_of_shards_it_has_not_planned()
    {
        var run = new RunView("20261122T020000Z", "c", "running", "api", false, Now, null,
        [
            Shard("1", "running", "incremental", "20261116T020000Z"),
            Shard("2", "planned", null, null),
            Shard("3", "failed", null, null),
            Shard("4", "dispatched", "full", null),
        ]);

        var used = BackupsInUse.FromRun(run);

        var catalog = Of(Full("1115"), Inc("1116", "1115"));
        Assert.Equal(
            new Dictionary<RunId, string> { [Run("1122")] = "run 20261122T020000Z writes it", [Run("1116")] = "run 20261122T020000Z builds on it" },
            used.For(new ShardId("1"), catalog));
        Assert.Equal(
            new Dictionary<RunId, string> { [Run("1122")] = "run 20261122T020000Z writes it", [Run("1116")] = "run 20261122T020000Z has not planned shard 2 yet and may build on it" },
            used.For(new ShardId("2"), catalog));
        Assert.Equal([Run("1122")], used.For(new ShardId("3"), catalog).Keys);
        Assert.Equal([Run("1122")], used.For(new ShardId("4"), catalog).Keys);
        Assert.Equal([Run("1122"), Run("1116")], used.AnyShard().Keys);
    }

    [Fact]
    public async Task A_restore_in_progress_keeps_the_whole_chain_it_reads()
    {
        var restores = new Scripted(new Dictionary<ShardId, IReadOnlySet<RunId>>
        {
            [new ShardId("1")] = new HashSet<RunId> { Run("1115"), Run("1116") },
        });

        var used = await new RestoreBackupsInUse(restores).GetAsync(default);

        Assert.Equal([Run("1115"), Run("1116")], used.For(new ShardId("1"), Of(Full("1115"), Inc("1116", "1115"))).Keys.Order());
        Assert.Empty(used.For(new ShardId("2"), Of()));
        Assert.StartsWith("a restore reads backup", used.AnyShard()[Run("1115")], StringComparison.Ordinal);
    }

    private sealed class Scripted(IReadOnlyDictionary<ShardId, IReadOnlySet<RunId>> inUse) : ClickVault.Cluster.Coordinator.Restores.IRestoreUsage
    {
        public IReadOnlyDictionary<ShardId, IReadOnlySet<RunId>> RunsInUse() => inUse;
    }

    [Fact]
    public async Task All_sources_are_united()
    {
        var sources = new AllBackupsInUse([new Fixed(ScriptedBackupsInUse.Using("1", "1101", "restore")), new Fixed(ScriptedBackupsInUse.Using("2", "1102", "verify"))]);

        var used = await sources.GetAsync(default);

        Assert.Equal([Run("1101")], used.For(new ShardId("1"), Of()).Keys);
        Assert.Equal([Run("1102")], used.For(new ShardId("2"), Of()).Keys);
    }

    private sealed class Fixed(BackupsInUse value) : IBackupsInUse
    {
        public Task<BackupsInUse> GetAsync(CancellationToken cancellationToken) => Task.FromResult(value);
    }
}
