using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// Retention per shard chain. Pure: reads the catalog, the policy, the time and the backups in use; deletes nothing.
/// </summary>
/// <remarks>
/// Rules, in order: the newest chain (newest full) is always kept; the newest <c>keep_full_backups</c> chains are kept;
/// a chain holding a backup in progress is kept; the chain holding the shard's newest restore point is kept (only
/// differs from the newest chain in a damaged catalog); a chain beyond the count is kept while its newest restore point
/// is within <c>keep_days</c>, else removed. Orphans (incrementals whose bases do not reach a full) cannot be restored;
/// one is removed only when it is older than the oldest kept chain's full (and than <c>keep_days</c> when set), since a
/// newer orphan may be a stale catalog that <c>catalog rebuild</c> repairs. Finally every base of a kept backup is kept.
/// </remarks>
public static class RetentionPlanner
{
    /// <param name="inProgress">
    /// Backups an operation in progress uses: the base of every backup being written right now (and the backup itself
    /// once its entry is in the catalog), and backups being restored or verified. Their chains are kept; run ids not in
    /// the catalog are ignored.
    /// </param>
    /// <exception cref="ArgumentException">The policy is invalid, or the catalog lists a run id twice.</exception>
    public static RetentionPlan Plan(ShardCatalog catalog, RetentionPolicy policy, DateTimeOffset now, IReadOnlySet<RunId> inProgress)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inProgress);
        if (policy.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(policy));
        }

        var grouped = ShardChains.From(catalog);
        var items = new Dictionary<RunId, RetentionItem>();
        var newest = catalog.Newest;
        CatalogEntry? oldestKeptFull = null;
        for (var i = 0; i < grouped.Chains.Count; i++)
        {
            var chain = grouped.Chains[i];
            var (decision, reason) = DecideChain(chain, i, policy, now, inProgress, newest);
            foreach (var backup in chain.Backups)
            {
                items[backup.RunId] = new RetentionItem(backup, chain.Full.RunId, decision, reason);
            }
            if (decision == RetentionDecision.Keep)
            {
                oldestKeptFull = chain.Full;
            }
        }
        foreach (var orphan in grouped.Orphans)
        {
            var (decision, reason) = DecideOrphan(orphan, oldestKeptFull, policy, now, inProgress);
            items[orphan.Backup.RunId] = new RetentionItem(orphan.Backup, null, decision, reason);
        }
        KeepBasesOfKept(items);

        var ordered = items.Values.OrderBy(i => i.Backup.RunId).ToList();
        var deletion = grouped.Chains
            .Reverse()
            .SelectMany(c => c.Backups.Reverse())
            .Concat(grouped.Orphans.Select(o => o.Backup).Reverse())
            .Where(b => items[b.RunId].Decision == RetentionDecision.Remove)
            .ToList();
        var resulting = deletion.Count == 0
            ? catalog
            : catalog with
            {
                UpdatedAt = now,
                Backups = [.. catalog.Backups.Where(b => items[b.RunId].Decision == RetentionDecision.Keep)],
            };
        return new RetentionPlan(ordered, deletion, resulting);
    }

    private static (RetentionDecision, string) DecideChain(
        BackupChain chain, int index, RetentionPolicy policy, DateTimeOffset now, IReadOnlySet<RunId> inProgress, CatalogEntry? newest)
    {
        var keep = policy.KeepFullBackups;
        if (index == 0)
        {
            return (RetentionDecision.Keep, "newest chain is always kept");
        }
        if (index < keep)
        {
            return (RetentionDecision.Keep, $"chain {index + 1} of {keep} kept (keep_full_backups = {keep})");
        }
        if (chain.Backups.FirstOrDefault(b => inProgress.Contains(b.RunId)) is { } busy)
        {
            return (RetentionDecision.Keep, $"chain has a backup in progress ({busy.RunId} is in use)");
        }
        if (newest is not null && chain.Backups.Contains(newest))
        {
            return (RetentionDecision.Keep, $"chain holds the shard's newest restore point {newest.RunId}, the base of the next incremental");
        }
        var point = chain.NewestRestorePoint;
        if (policy.KeepDays is not { } days)
        {
            return (RetentionDecision.Remove, $"chain beyond keep_full_backups = {keep} (keep_days not set)");
        }
        return Within(point, days, now)
            ? (RetentionDecision.Keep, $"chain beyond keep_full_backups = {keep} kept: its newest restore point {point.RunId} is within keep_days = {days}")
            : (RetentionDecision.Remove, $"chain beyond keep_full_backups = {keep} and its newest restore point {point.RunId} is older than keep_days = {days}");
    }

    private static (RetentionDecision, string) DecideOrphan(
        OrphanBackup orphan, CatalogEntry? oldestKeptFull, RetentionPolicy policy, DateTimeOffset now, IReadOnlySet<RunId> inProgress)
    {
        var what = $"orphan: {orphan.BrokenLink}, so it cannot be restored";
        var backup = orphan.Backup;
        if (inProgress.Contains(backup.RunId))
        {
            return (RetentionDecision.Keep, $"{what}; kept: an operation in progress uses it");
        }
        if (oldestKeptFull is null)
        {
            return (RetentionDecision.Keep, $"{what}; kept: the shard has no complete chain to compare its age with");
        }
        if (backup.RunId.CompareTo(oldestKeptFull.RunId) > 0)
        {
            return (RetentionDecision.Keep, $"{what}; kept: it is not older than the oldest kept chain ({oldestKeptFull.RunId})");
        }
        if (policy.KeepDays is { } days)
        {
            return Within(backup, days, now)
                ? (RetentionDecision.Keep, $"{what}; kept: it is within keep_days = {days}")
                : (RetentionDecision.Remove, $"{what}; older than the oldest kept chain ({oldestKeptFull.RunId}) and than keep_days = {days}");
        }
        return (RetentionDecision.Remove, $"{what}; older than the oldest kept chain ({oldestKeptFull.RunId})");
    }

    /// <summary>Every base (transitively) of a kept backup is kept, whatever its own rule said.</summary>
    private static void KeepBasesOfKept(Dictionary<RunId, RetentionItem> items)
    {
        var kept = items.Values.Where(i => i.Decision == RetentionDecision.Keep).OrderByDescending(i => i.Backup.RunId).ToList();
        foreach (var dependent in kept)
        {
            var current = dependent.Backup;
            while (current.BaseRunId is { } baseRun
                && baseRun.CompareTo(current.RunId) < 0
                && items.TryGetValue(baseRun, out var baseItem))
            {
                if (baseItem.Decision == RetentionDecision.Remove)
                {
                    items[baseRun] = baseItem with
                    {
                        Decision = RetentionDecision.Keep,
                        Reason = $"a kept backup depends on it ({dependent.Backup.RunId} builds on it)",
                    };
                }
                current = baseItem.Backup;
            }
        }
    }

    private static bool Within(CatalogEntry backup, int days, DateTimeOffset now) => backup.FinishedAt >= now - TimeSpan.FromDays(days);
}
