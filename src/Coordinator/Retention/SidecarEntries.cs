using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>Catalog entries from sidecars (catalog rebuild): the sidecar holds every field of a <see cref="CatalogEntry"/>.</summary>
public static class SidecarEntries
{
    /// <summary>
    /// The catalog entry of the backup in folder <paramref name="prefix"/> (found under <paramref name="kind"/>/<paramref name="run"/>),
    /// or why its sidecar cannot be used: not status success, or kind, run id or base not matching the folder.
    /// </summary>
    public static (CatalogEntry? Entry, string? Problem) ToEntry(BackupSidecar sidecar, string prefix, BackupKind kind, RunId run)
    {
        ArgumentNullException.ThrowIfNull(sidecar);
        if (sidecar.Status != BackupSidecar.SuccessStatus)
        {
            return (null, $"status is '{sidecar.Status}', not '{BackupSidecar.SuccessStatus}'");
        }
        if (sidecar.Kind != BackupLayout.KindSegment(kind))
        {
            return (null, $"kind is '{sidecar.Kind}' but the backup lies under {BackupLayout.KindSegment(kind)}/");
        }
        if (sidecar.RunId != run.Value)
        {
            return (null, $"run_id is '{sidecar.RunId}' but the folder is {run}");
        }
        RunId? baseRun = null;
        if (sidecar.BaseRunId is { } text)
        {
            if (!RunId.TryParse(text, out var parsed))
            {
                return (null, $"base_run_id '{text}' is not a run id");
            }
            baseRun = parsed;
        }
        if ((kind == BackupKind.Incremental) != baseRun.HasValue)
        {
            return (null, kind == BackupKind.Incremental ? "an incremental without base_run_id" : "a full backup with a base_run_id");
        }
        return (new CatalogEntry(run, kind, prefix, baseRun, sidecar.Replica, sidecar.NumFiles, sidecar.TotalSize, sidecar.UncompressedSize,
            sidecar.CompressedSize, sidecar.StartedAt, sidecar.FinishedAt, sidecar.ChainDepth, sidecar.Databases), null);
    }
}
