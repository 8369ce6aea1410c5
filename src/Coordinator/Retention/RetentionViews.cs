using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>Pure mappings of retention results to what operators see (API views).</summary>
public static class RetentionViews
{
    public static ObjectDeletionView Deletion(ObjectDeletion deletion) => new(
        deletion.Objects, deletion.Bytes, [.. deletion.Failures.Select(f => new DeleteFailureView(f.Key, f.Code, f.Message))]);

    public static BackupDecisionView Decision(RetentionItem item, ObjectDeletion? deletion) => new(
        item.Backup.RunId.Value,
        BackupLayout.KindSegment(item.Backup.Kind),
        item.Backup.BaseRunId?.Value,
        item.Chain?.Value,
        item.Decision == RetentionDecision.Keep ? RetentionDecisions.Keep : RetentionDecisions.Remove,
        item.Reason,
        item.Backup.TotalSize,
        item.Backup.Prefix,
        deletion is null ? null : Deletion(deletion));

    public static ShardCleanupView Shard(ShardTarget target, RetentionPlan plan, ShardRemoval? removal) => new(
        target.Shard.Value,
        target.ShardPath,
        removal?.Skipped,
        [.. plan.Items.Select(i => Decision(i, removal?.Deleted.GetValueOrDefault(i.Backup.RunId)))]);

    public static DeletedBackupView Deleted(ShardTarget target, CatalogEntry backup, string reason, ObjectDeletion deletion) => new(
        target.Shard.Value, backup.RunId.Value, BackupLayout.KindSegment(backup.Kind), backup.Prefix, reason, Deletion(deletion));
}
