using Akka.Actor;
using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;
using Xunit.Abstractions;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

/// <summary>
/// S3 requests of listing and retention with 2 shards x 20 backups (4 chains of a full and 4 incrementals each;
/// keep_full_backups = 2 removes 10 backups per shard). Printed for the record, asserted exactly.
/// </summary>
public sealed class RetentionRequestCountTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Shards = ["1", "2"];
    private readonly RetentionWorld world = new();

    public async Task InitializeAsync()
    {
        foreach (var shard in Shards)
        {
            var entries = new List<CatalogEntry>();
            for (var chain = 0; chain < 4; chain++)
            {
                var fullDay = $"11{(chain * 5) + 1:D2}";
                entries.Add(await world.BackupAsync(shard, fullDay));
                for (var i = 1; i <= 4; i++)
                {
                    entries.Add(await world.BackupAsync(shard, $"11{(chain * 5) + 1 + i:D2}", $"11{(chain * 5) + i:D2}"));
                }
            }
            await world.CatalogAsync(shard, [.. entries]);
        }
        world.Store.Reset();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task List_and_cleanup_request_counts()
    {
        var listCold = await CountAsync(ListAsync);
        var listWarm = await CountAsync(ListAsync);
        var dryRun = await CountAsync(() => world.Cleanup(new RetentionPolicy(2)).RunAsync([.. Shards.Select(world.Shard)], dryRun: true, default));
        var cleanup = await CountAsync(() => world.Cleanup(new RetentionPolicy(2)).RunAsync([.. Shards.Select(world.Shard)], dryRun: false, default));
        var rebuild = await CountAsync(() => world.Rebuild().RunAsync([.. Shards.Select(world.Shard)], default));
        var cleanBroken = await CountAsync(() => world.Sweep().RunAsync([.. Shards.Select(world.Shard)], new CleanBrokenOptions(TimeSpan.FromDays(1), DryRun: true), default));

        Print("list (GET /api/backups), cold cache", listCold);
        Print("list (GET /api/backups), warm cache", listWarm);
        Print("cleanup --dry-run", dryRun);
        Print("cleanup (20 of 40 backups removed)", cleanup);
        Print("catalog rebuild (20 backups left)", rebuild);
        Print("clean-broken --dry-run", cleanBroken);

        // list: one GET of each shard's catalog.json, then served from the chain entities' cache.
        Assert.Equal(new ObjectStoreRequestCounts(0, 2, 0, 0, 0), listCold);
        Assert.Equal(0, listWarm.Total);
        Assert.Equal(0, dryRun.Total);
        // cleanup: one catalog PUT per shard; per removed backup one listing page and two DeleteObjects (sidecar, rest).
        Assert.Equal(new ObjectStoreRequestCounts(2, 0, 0, 20, 40), cleanup);
        // rebuild: per shard a root listing, a delimiter listing per kind folder, one GET per sidecar, the catalog GET + PUT.
        Assert.Equal(new ObjectStoreRequestCounts(2, 22, 0, 5, 0), rebuild);
        Assert.Equal(new ObjectStoreRequestCounts(0, 0, 0, 5, 0), cleanBroken);
    }

    private async Task ListAsync()
    {
        foreach (var shard in Shards)
        {
            var macros = new Dictionary<string, string> { ["shard"] = shard };
            await world.Region.Ask<ShardCatalog>(new ShardEnvelope(new ShardId(shard), new GetShardCatalog(macros)), TimeSpan.FromMinutes(1));
        }
    }

    private async Task<ObjectStoreRequestCounts> CountAsync(Func<Task> work)
    {
        world.Store.Reset();
        await work();
        return world.Store.Reset();
    }

    private void Print(string what, ObjectStoreRequestCounts counts) =>
        output.WriteLine($"{what,-40} {counts.Total,4} requests: {counts.Puts} PUT, {counts.Gets} GET, {counts.Heads} HEAD, {counts.ListPages} LIST, {counts.DeleteBatches} DELETE (batch)");
}
