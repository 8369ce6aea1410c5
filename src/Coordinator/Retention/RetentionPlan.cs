using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>What retention does with one backup.</summary>
public enum RetentionDecision
{
    Keep,
    Remove,
}

/// <summary>The decision for one backup and why, in words an operator reads in <c>clickvault cleanup --dry-run</c>.</summary>
/// <param name="Chain">The run id of the full backup that starts the backup's chain; null for an orphan.</param>
public sealed record RetentionItem(CatalogEntry Backup, RunId? Chain, RetentionDecision Decision, string Reason);

/// <summary>
/// Retention of one shard: a decision for every backup of the catalog (oldest first), the order to delete the
/// removed ones in, and the catalog that remains once they are gone.
/// </summary>
/// <param name="DeletionOrder">
/// Removed backups in a safe deletion order: chain by chain (oldest chain first), each chain's incrementals newest
/// first and its full last, then orphans newest first. Whenever a deletion is interrupted, nothing left depends on
/// a backup already deleted.
/// </param>
/// <param name="Resulting">The catalog without the removed backups (the same instance when nothing is removed).</param>
public sealed record RetentionPlan(IReadOnlyList<RetentionItem> Items, IReadOnlyList<CatalogEntry> DeletionOrder, ShardCatalog Resulting)
{
    /// <summary>The item of <paramref name="run"/>.</summary>
    /// <exception cref="KeyNotFoundException">The run is not in the planned catalog.</exception>
    public RetentionItem For(RunId run) =>
        Items.FirstOrDefault(i => i.Backup.RunId == run) ?? throw new KeyNotFoundException($"backup {run} is not in the retention plan");
}
