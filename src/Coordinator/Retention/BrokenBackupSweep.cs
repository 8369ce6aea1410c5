using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary><c>clickvault clean-broken [--older-than DURATION] [--dry-run]</c>.</summary>
public sealed record CleanBrokenOptions(TimeSpan OlderThan, bool DryRun);

/// <summary>A backup folder and every object under it (from one listing).</summary>
public sealed record BackupFolder(string ShardPath, BackupKind Kind, RunId Run, string Prefix, IReadOnlyList<ObjectInfo> Objects)
{
    public bool HasSidecar => Objects.Any(o => o.Key == Prefix + BackupLayout.SidecarName);

    public DateTimeOffset NewestObjectAt => Objects.Max(o => o.LastModified);
}

/// <summary>
/// Deletes backup folders without a sidecar (unfinished, failed or half-deleted backups) once their newest object is
/// older than the given age and no operation in progress uses their run id. Folders are found with a full listing of
/// each shard's <c>full/</c> and <c>incremental/</c> (a delimiter listing would miss, on some S3 servers, a folder that
/// holds only sub-folders, which is exactly what an interrupted native backup leaves). A broken folder the catalog still
/// lists leaves the catalog first, through the shard's chain entity.
/// </summary>
public sealed class BrokenBackupSweep(
    ChainCatalogs catalogs, ShardFolders folders, IObjectStore store, BackupObjects objects, IBackupsInUse inUse, BackupLayout layout, TimeProvider time)
{
    private static readonly BackupKind[] Kinds = [BackupKind.Full, BackupKind.Incremental];

    public async Task<CleanBrokenReport> RunAsync(IReadOnlyList<ShardTarget> known, CleanBrokenOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var used = (await inUse.GetAsync(cancellationToken).ConfigureAwait(false)).AnyShard();
        var views = new List<BrokenFolderView>();
        foreach (var folder in await folders.FindAsync(known, cancellationToken).ConfigureAwait(false))
        {
            var target = folder.Shard is { } shard ? new ShardTarget(shard, folder.ShardPath) : null;
            var catalog = target is null ? null : await catalogs.ReadAsync(target, cancellationToken).ConfigureAwait(false);
            foreach (var kind in Kinds)
            {
                foreach (var broken in (await FoldersAsync(folder.ShardPath, kind, cancellationToken).ConfigureAwait(false)).Where(f => !f.HasSidecar))
                {
                    views.Add(await SweepAsync(broken, target, catalog, used, options, cancellationToken).ConfigureAwait(false));
                }
            }
        }
        return new CleanBrokenReport(options.DryRun, (long)options.OlderThan.TotalSeconds, views);
    }

    /// <summary>Every backup folder under <c>{shard_path}/{kind}/</c> with its objects; keys outside a run-id (or attempt) folder are ignored.</summary>
    public async Task<IReadOnlyList<BackupFolder>> FoldersAsync(string shardPath, BackupKind kind, CancellationToken cancellationToken)
    {
        var kindPrefix = layout.KindPrefix(shardPath, kind);
        var listing = await store.ListAllAsync(kindPrefix, null, cancellationToken).ConfigureAwait(false);
        var result = new List<BackupFolder>();
        foreach (var group in listing.Objects.GroupBy(o => o.Key[kindPrefix.Length..].Split('/', 2) is [var ts, _] ? ts : null))
        {
            if (group.Key is { } ts && BackupAttempt.TryParse(ts, out var attempt) && layout.BackupPrefix(shardPath, kind, attempt) == $"{kindPrefix}{ts}/")
            {
                result.Add(new BackupFolder(shardPath, kind, attempt.Run, $"{kindPrefix}{ts}/", [.. group]));
            }
        }
        return result;
    }

    private async Task<BrokenFolderView> SweepAsync(
        BackupFolder folder, ShardTarget? target, ShardCatalog? catalog, IReadOnlyDictionary<RunId, string> used, CleanBrokenOptions options, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - folder.NewestObjectAt;
        var inCatalog = catalog?.Backups.Any(b => b.RunId == folder.Run && b.Prefix == folder.Prefix) ?? false;
        var (decision, reason) = used.TryGetValue(folder.Run, out var by)
            ? (RetentionDecisions.Keep, $"no sidecar, but an operation in progress uses run {folder.Run} ({by})")
            : age < options.OlderThan
                ? (RetentionDecisions.Keep, $"no sidecar, but its newest object is only {Describe(age)} old (younger than {Describe(options.OlderThan)}): it may still be written")
                : (RetentionDecisions.Delete, $"no sidecar and its newest object is {Describe(age)} old (older than {Describe(options.OlderThan)})"
                    + (inCatalog ? "; the catalog still lists it" : ""));
        ObjectDeletion? deletion = null;
        if (decision == RetentionDecisions.Delete && !options.DryRun)
        {
            if (inCatalog)
            {
                await catalogs.RemoveAsync(target!, new HashSet<RunId> { folder.Run }, cancellationToken).ConfigureAwait(false);
            }
            deletion = await objects.DeleteAsync(folder.Prefix, folder.Objects, cancellationToken).ConfigureAwait(false);
        }
        return new BrokenFolderView(folder.ShardPath, BackupLayout.KindSegment(folder.Kind), folder.Run.Value, folder.Prefix, folder.Objects.Count,
            folder.Objects.Sum(o => o.Size), folder.NewestObjectAt, (long)age.TotalSeconds, decision, reason, inCatalog,
            deletion is null ? null : RetentionViews.Deletion(deletion));
    }

    /// <summary>"45s", "30m", "12h 05m", "7d 02h".</summary>
    public static string Describe(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds}s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m",
        { TotalDays: < 1 } => $"{(int)span.TotalHours}h {span.Minutes:00}m",
        _ => $"{(int)span.TotalDays}d {span.Hours:00}h",
    };
}
