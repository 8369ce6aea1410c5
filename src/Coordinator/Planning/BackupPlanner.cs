using System.Globalization;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Planning;

/// <summary>When a shard's chain must restart with a full backup.</summary>
public sealed record PlanningPolicy(int FullBackupIntervalDays, int MaxChainDepth)
{
    public static PlanningPolicy Default { get; } = new(7, 0);
}

/// <summary>What a shard does in a run: a full, or an incremental on <see cref="Base"/>, and why.</summary>
public sealed record ShardPlan(BackupKind Kind, CatalogEntry? Base, int ChainDepth, string Reason);

/// <summary>The full-or-incremental decision for one shard. Pure: the caller checks the base in S3 and passes the answer.</summary>
public static class BackupPlanner
{
    /// <summary>The backup the next incremental would build on: the newest successful one (deep chaining).</summary>
    public static CatalogEntry? CandidateBase(ShardCatalog catalog) => catalog.Newest;

    /// <summary>
    /// The backups <paramref name="entry"/> needs, itself first, then its base, down to its full; it stops early (its last
    /// link is then an incremental) where a base is not in the catalog.
    /// </summary>
    public static IReadOnlyList<CatalogEntry> Links(ShardCatalog catalog, CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(entry);
        var byRun = catalog.Backups.ToDictionary(b => b.RunId);
        var links = new List<CatalogEntry> { entry };
        while (links[^1] is { Kind: BackupKind.Incremental, BaseRunId: { } baseRun } && byRun.TryGetValue(baseRun, out var next) && !links.Contains(next))
        {
            links.Add(next);
        }

        return links;
    }

    /// <param name="baseExists">Whether <see cref="CandidateBase"/>'s native backup is present in S3 (ignored when there is none).</param>
    public static ShardPlan Plan(ShardCatalog catalog, PlanningPolicy policy, bool fullRequested, DateTimeOffset now, bool baseExists) =>
        Plan(catalog, policy, fullRequested, now, baseExists ? null : CandidateBase(catalog)?.RunId);

    /// <param name="missingLink">
    /// A link of <see cref="CandidateBase"/>'s chain (see <see cref="Links"/>; the candidate itself or one of its bases) whose
    /// native <c>.backup</c> object is missing in S3, or null when every link is there.
    /// </param>
    public static ShardPlan Plan(ShardCatalog catalog, PlanningPolicy policy, bool fullRequested, DateTimeOffset now, RunId? missingLink)
    {
        var candidate = CandidateBase(catalog);
        if (fullRequested)
        {
            return Full("full backup requested");
        }
        if (candidate is null)
        {
            return Full("no previous backup of this shard");
        }
        var root = catalog.ChainRoot(candidate);
        if (root is null)
        {
            return Full($"chain of {candidate.RunId} is broken (a base is missing from the catalog)");
        }
        var age = now - root.FinishedAt;
        if (policy.FullBackupIntervalDays > 0 && age >= TimeSpan.FromDays(policy.FullBackupIntervalDays))
        {
            return Full(string.Create(CultureInfo.InvariantCulture,
                $"newest full {root.RunId} is {age.TotalDays:0.#} days old (full_backup_interval_days = {policy.FullBackupIntervalDays})"));
        }
        if (missingLink is { } missing)
        {
            return Full(missing == candidate.RunId
                ? $"base {candidate.RunId} is missing its .backup object in S3"
                : $"chain link {missing} (under base {candidate.RunId}) is missing its .backup object in S3");
        }
        var depth = candidate.ChainDepth + 1;
        if (policy.MaxChainDepth > 0 && depth > policy.MaxChainDepth)
        {
            return Full($"chain depth would exceed max_chain_depth = {policy.MaxChainDepth}");
        }
        return new ShardPlan(BackupKind.Incremental, candidate, depth, $"incremental on {candidate.RunId} (chain depth {depth})");
    }

    private static ShardPlan Full(string reason) => new(BackupKind.Full, null, 0, reason);
}
