using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>A full backup and every incremental that transitively bases on it, oldest first.</summary>
public sealed record BackupChain(CatalogEntry Full, IReadOnlyList<CatalogEntry> Backups)
{
    /// <summary>The chain's newest backup: the latest point in time the chain can restore.</summary>
    public CatalogEntry NewestRestorePoint => Backups[^1];
}

/// <summary>
/// An incremental whose bases do not lead to a full backup (a base is missing, absent or not older than its
/// incremental), so it cannot be restored. <see cref="BrokenLink"/> says where the chain breaks.
/// </summary>
public sealed record OrphanBackup(CatalogEntry Backup, string BrokenLink);

/// <summary>A shard's catalog grouped into chains (newest full first) and orphans (oldest first).</summary>
public sealed record ShardChains(IReadOnlyList<BackupChain> Chains, IReadOnlyList<OrphanBackup> Orphans)
{
    /// <summary>
    /// Groups <paramref name="catalog"/> by following base links. A base must be strictly older than its incremental
    /// (a later "base" is catalog damage and breaks the link), so the links never loop.
    /// </summary>
    /// <exception cref="ArgumentException">The catalog lists one run id twice.</exception>
    public static ShardChains From(ShardCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var byRun = new Dictionary<RunId, CatalogEntry>();
        foreach (var entry in catalog.Backups)
        {
            if (!byRun.TryAdd(entry.RunId, entry))
            {
                throw new ArgumentException($"catalog of shard {catalog.Shard} lists backup {entry.RunId} more than once", nameof(catalog));
            }
        }

        var roots = new Dictionary<RunId, CatalogEntry>();
        var breaks = new Dictionary<RunId, string>();
        var orphans = new List<OrphanBackup>();
        foreach (var entry in catalog.Backups.OrderBy(b => b.RunId))
        {
            if (entry.Kind == BackupKind.Full)
            {
                roots[entry.RunId] = entry;
            }
            else if (DirectBreak(entry, byRun) is { } direct)
            {
                breaks[entry.RunId] = direct;
                orphans.Add(new OrphanBackup(entry, direct));
            }
            else if (roots.TryGetValue(entry.BaseRunId!.Value, out var root))
            {
                roots[entry.RunId] = root;
            }
            else
            {
                var inherited = $"it builds on {entry.BaseRunId}, an orphan: {breaks[entry.BaseRunId.Value]}";
                breaks[entry.RunId] = inherited;
                orphans.Add(new OrphanBackup(entry, inherited));
            }
        }

        var chains = roots
            .GroupBy(member => member.Value.RunId, member => byRun[member.Key])
            .Select(g => new BackupChain(byRun[g.Key], [.. g.OrderBy(b => b.RunId)]))
            .OrderByDescending(chain => chain.Full.RunId)
            .ToList();
        return new ShardChains(chains, orphans);
    }

    private static string? DirectBreak(CatalogEntry incremental, Dictionary<RunId, CatalogEntry> byRun) => incremental.BaseRunId switch
    {
        null => "it is an incremental without a base",
        { } b when !byRun.ContainsKey(b) => $"its base {b} is not in the catalog",
        { } b when b.CompareTo(incremental.RunId) >= 0 => $"its base {b} is not older than itself",
        _ => null,
    };
}
