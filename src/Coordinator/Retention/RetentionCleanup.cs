using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary><c>clickvault cleanup</c>: apply retention to these shards (every known shard when empty); a dry run only plans.</summary>
public sealed record CleanupOptions(bool DryRun, IReadOnlyList<ShardId> Shards);

/// <summary>
/// Retention per shard: plans with <see cref="RetentionPlanner"/> (keeping every chain an operation in progress uses)
/// and removes the planned backups in the plan's deletion order through <see cref="BackupRemoval"/>.
/// </summary>
public sealed class RetentionCleanup(ChainCatalogs catalogs, BackupRemoval removal, IBackupsInUse inUse, RetentionPolicy policy, TimeProvider time)
{
    public async Task<CleanupReport> RunAsync(IReadOnlyList<ShardTarget> targets, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var shards = new List<ShardCleanupView>();
        foreach (var target in targets)
        {
            shards.Add(await ShardAsync(target, dryRun, cancellationToken).ConfigureAwait(false));
        }
        return new CleanupReport(dryRun, new RetentionPolicyView(policy.KeepFullBackups, policy.KeepDays), shards);
    }

    private async Task<ShardCleanupView> ShardAsync(ShardTarget target, bool dryRun, CancellationToken cancellationToken)
    {
        RetentionPlan plan;
        try
        {
            var catalog = await catalogs.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            var used = (await inUse.GetAsync(cancellationToken).ConfigureAwait(false)).For(target.Shard, catalog);
            plan = RetentionPlanner.Plan(catalog, policy, time.GetUtcNow(), used.Keys.ToHashSet());
        }
        catch (Exception e) when (e is ShardCatalogException or ArgumentException)
        {
            return new ShardCleanupView(target.Shard.Value, target.ShardPath, $"not cleaned: {e.Message}", []);
        }
        if (dryRun || plan.DeletionOrder.Count == 0)
        {
            return RetentionViews.Shard(target, plan, null);
        }
        var removed = await removal.RemoveAsync(target, plan.DeletionOrder, cancellationToken).ConfigureAwait(false);
        return RetentionViews.Shard(target, plan, removed);
    }
}

/// <summary>Totals of a cleanup, for log lines and run events.</summary>
public static class CleanupSummary
{
    /// <summary>"removed 2 backup(s) (20261101T020000Z, 20261102T020000Z): 84 object(s), 1.2 MB" or why nothing was removed.</summary>
    public static string Describe(ShardCleanupView shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (shard.Skipped is { } skipped)
        {
            return skipped;
        }
        var removed = shard.Backups.Where(b => b.Decision == RetentionDecisions.Remove).ToList();
        if (removed.Count == 0)
        {
            return $"nothing to remove ({shard.Backups.Count} backup(s) kept)";
        }
        var objects = removed.Sum(b => b.Deletion?.ObjectsDeleted ?? 0);
        var bytes = removed.Sum(b => b.Deletion?.BytesDeleted ?? 0);
        var failures = removed.Sum(b => b.Deletion?.Failures.Count ?? 0);
        var failed = failures == 0 ? "" : $"; {failures} object(s) could not be deleted";
        return $"removed {removed.Count} backup(s) ({string.Join(", ", removed.Select(b => b.RunId))}): {objects} object(s), {bytes} byte(s){failed}";
    }
}
