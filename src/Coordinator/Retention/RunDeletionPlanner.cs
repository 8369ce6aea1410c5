using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>One backup <c>delete</c> removes and why ("requested", or which deleted backup it builds on).</summary>
public sealed record DeletionStep(CatalogEntry Backup, string Reason);

/// <summary>What deleting one run's backup means for one shard.</summary>
public abstract record RunDeletionPlan
{
    private RunDeletionPlan()
    {
    }

    /// <summary>The shard has no backup of the run.</summary>
    public sealed record Absent : RunDeletionPlan;

    /// <summary>Deleting is refused; <see cref="Code"/> is has_dependents or in_use.</summary>
    public sealed record Refused(string Code, string Message) : RunDeletionPlan;

    /// <summary>The backups to delete, newest first (every dependent before its base).</summary>
    public sealed record Delete(IReadOnlyList<DeletionStep> Steps) : RunDeletionPlan;
}

/// <summary>Pure decision of <c>delete RUN [--cascade]</c> for one shard's catalog.</summary>
public static class RunDeletionPlanner
{
    public const string HasDependents = "has_dependents";
    public const string InUse = "in_use";

    /// <param name="inUse">Backups of this shard operations in progress use, with who uses them.</param>
    public static RunDeletionPlan Plan(ShardCatalog catalog, RunId run, bool cascade, IReadOnlyDictionary<RunId, string> inUse)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(inUse);
        var target = catalog.Backups.FirstOrDefault(b => b.RunId == run);
        if (target is null)
        {
            return new RunDeletionPlan.Absent();
        }
        var dependents = Dependents(catalog, run);
        if (dependents.Count > 0 && !cascade)
        {
            return new RunDeletionPlan.Refused(HasDependents,
                $"backup {run} of shard {catalog.Shard} has {dependents.Count} dependent backup(s) that build on it: " +
                $"{string.Join(", ", dependents.Select(d => d.Backup.RunId))}; delete them too with --cascade");
        }
        var steps = dependents.Prepend(new DeletionStep(target, "requested")).OrderByDescending(s => s.Backup.RunId).ToList();
        var busy = steps.Where(s => inUse.ContainsKey(s.Backup.RunId)).ToList();
        if (busy.Count > 0)
        {
            return new RunDeletionPlan.Refused(InUse,
                $"shard {catalog.Shard}: an operation in progress uses {string.Join("; ", busy.Select(s => $"{s.Backup.RunId} ({inUse[s.Backup.RunId]})"))}");
        }
        return new RunDeletionPlan.Delete(steps);
    }

    /// <summary>Every backup that transitively builds on <paramref name="run"/> (bases are strictly older than their incrementals).</summary>
    private static List<DeletionStep> Dependents(ShardCatalog catalog, RunId run)
    {
        var doomed = new HashSet<RunId> { run };
        var dependents = new List<DeletionStep>();
        foreach (var backup in catalog.Backups.OrderBy(b => b.RunId))
        {
            if (backup.BaseRunId is { } baseRun && baseRun.CompareTo(backup.RunId) < 0 && doomed.Contains(baseRun))
            {
                doomed.Add(backup.RunId);
                dependents.Add(new DeletionStep(backup, $"builds on {baseRun}"));
            }
        }
        return dependents;
    }
}
