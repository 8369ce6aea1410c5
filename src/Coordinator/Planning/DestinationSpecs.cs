using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Planning;

/// <summary>
/// A backup folder of the layout as the agents are told it: <c>Disk</c> with the key relative to <c>backup.disk_root</c>
/// when <c>backup.destination = disk</c>, else <c>S3</c> with the full key (the agent adds its endpoint, bucket and keys).
/// </summary>
public static class DestinationSpecs
{
    public static DestinationSpec For(BackupOptions backup, string prefix)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!string.Equals(backup.Destination, "disk", StringComparison.OrdinalIgnoreCase))
        {
            return new DestinationSpec(DestinationKind.S3, prefix);
        }

        var root = backup.DiskRoot.Trim('/') is { Length: > 0 } r ? r + "/" : "";
        return new DestinationSpec(DestinationKind.Disk, prefix[root.Length..], backup.Disk);
    }
}
