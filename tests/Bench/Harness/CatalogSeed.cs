using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// Writes what list, planning and cleanup read of S shards x N backups, the way the coordinator leaves it: each shard's
/// catalog.json (daily backups, the newest an hour ago, in chains of a full and <c>chainLength - 1</c> incrementals, the
/// oldest chain possibly shorter) and the native <c>.backup</c> object of every link of the newest chain (planning checks
/// those before it builds on the chain). The newest chain is always complete, so planning does the same work at any N.
/// Sidecars and data files are left out: none of the three reads them.
/// </summary>
public sealed class CatalogSeed(IObjectStore store, BackupLayout layout, int chainLength)
{
    public async Task WriteAsync(int shards, int backups)
    {
        var catalogs = new CatalogStore(store, layout);
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(1, shards), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (shard, ct) =>
        {
            var id = new ShardId($"{shard}");
            var shardPath = layout.ShardPath(id);
            var entries = Entries(shardPath, backups, now);
            await catalogs.WriteShardAsync(ShardCatalog.Empty(layout.Cluster.Value, id.Value, shardPath) with { UpdatedAt = now, Backups = entries }, ct);
            foreach (var link in entries.Skip(entries.Count - 1 - entries[^1].ChainDepth))
            {
                await store.PutAsync(link.Prefix + BackupLayout.NativeMetadataName, new byte[64], null, ct);
            }
        });
    }

    private List<CatalogEntry> Entries(string shardPath, int backups, DateTimeOffset now)
    {
        var entries = new List<CatalogEntry>(backups);
        var oldestChain = backups % chainLength;
        for (var i = 0; i < backups; i++)
        {
            var finished = now.AddHours(-1).AddDays(i - backups + 1);
            var run = RunId.From(finished.AddMinutes(-5));
            var depth = i < oldestChain ? i : (i - oldestChain) % chainLength;
            var kind = depth == 0 ? BackupKind.Full : BackupKind.Incremental;
            entries.Add(new CatalogEntry(run, kind, layout.BackupPrefix(shardPath, kind, run), depth == 0 ? null : entries[^1].RunId, "replica-1",
                120, 1UL << 30, 1UL << 31, 1UL << 30, run.StartedAt, finished, depth, ["bench"]));
        }
        return entries;
    }
}
