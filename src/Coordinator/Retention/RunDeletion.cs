using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary><c>clickvault delete RUN [--shard N] [--cascade]</c>.</summary>
public sealed record DeleteRunOptions(RunId Run, ShardId? Shard, bool Cascade);

/// <summary>What <c>delete</c> did: deleted, refused (409), or the run has no backup (404).</summary>
public abstract record DeleteRunOutcome
{
    private DeleteRunOutcome()
    {
    }

    public sealed record Deleted(DeleteRunReport Report) : DeleteRunOutcome;

    public sealed record NotFound(string Message) : DeleteRunOutcome;

    public sealed record Refused(string Code, string Message) : DeleteRunOutcome;
}

/// <summary>
/// Deletes one run's backup on every shard (or one): plans every shard first with <see cref="RunDeletionPlanner"/> and
/// refuses the whole request when any shard refuses, so nothing is deleted half-way; then removes shard by shard.
/// </summary>
public sealed class RunDeletion(ChainCatalogs catalogs, BackupRemoval removal, IBackupsInUse inUse)
{
    public async Task<DeleteRunOutcome> RunAsync(IReadOnlyList<ShardTarget> targets, DeleteRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        var used = await inUse.GetAsync(cancellationToken).ConfigureAwait(false);
        var plans = new List<(ShardTarget Target, RunDeletionPlan.Delete Plan)>();
        var refusals = new List<RunDeletionPlan.Refused>();
        foreach (var target in targets)
        {
            var catalog = await catalogs.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            switch (RunDeletionPlanner.Plan(catalog, options.Run, options.Cascade, used.For(target.Shard, catalog)))
            {
                case RunDeletionPlan.Delete delete:
                    plans.Add((target, delete));
                    break;
                case RunDeletionPlan.Refused refused:
                    refusals.Add(refused);
                    break;
            }
        }
        if (refusals.Count > 0)
        {
            var code = refusals.Any(r => r.Code == RunDeletionPlanner.InUse) ? RunDeletionPlanner.InUse : RunDeletionPlanner.HasDependents;
            return new DeleteRunOutcome.Refused(code, $"not deleted: {string.Join("; ", refusals.Select(r => r.Message))}");
        }
        if (plans.Count == 0)
        {
            var where = options.Shard is { } shard ? $"shard {shard}" : $"any of the shards {string.Join(", ", targets.Select(t => t.Shard))}";
            return new DeleteRunOutcome.NotFound($"run {options.Run} has no backup on {where}");
        }

        var deleted = new List<DeletedBackupView>();
        var skipped = new List<string>();
        foreach (var (target, plan) in plans)
        {
            var removed = await removal.RemoveAsync(target, [.. plan.Steps.Select(s => s.Backup)], cancellationToken).ConfigureAwait(false);
            if (removed.Skipped is { } reason)
            {
                skipped.Add($"shard {target.Shard}: {reason}");
                continue;
            }
            deleted.AddRange(plan.Steps.Select(s => RetentionViews.Deleted(target, s.Backup, s.Reason, removed.Deleted[s.Backup.RunId])));
        }
        return new DeleteRunOutcome.Deleted(new DeleteRunReport(options.Run.Value, options.Cascade, deleted, skipped));
    }
}
