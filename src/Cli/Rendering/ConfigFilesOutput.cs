using System.Text.Json;
using ClickVault.Cluster.Cli.Configs;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Reports what <c>restore --configs-to</c> wrote: per replica the folder, file count and bytes, and what was skipped.</summary>
public sealed class ConfigFilesOutput(CliHost host, bool json)
{
    public void Written(IReadOnlyList<ReplicaConfigsWritten> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (json)
        {
            host.Out.WriteLine(JsonSerializer.Serialize(written, ConfigFilesJson.Default.IReadOnlyListReplicaConfigsWritten));
            return;
        }
        foreach (var replica in written)
        {
            host.Out.WriteLine($"shard {replica.Shard} backup {replica.RunId} {replica.Replica}: {replica.Files} file(s), {replica.Bytes} bytes -> {replica.Directory}"
                + (replica.Error is { } error ? $" (the agent reported: {error})" : ""));
            foreach (var skipped in replica.Skipped)
            {
                host.Out.WriteLine($"  not restored: {skipped.Path}: {skipped.Reason}");
            }
        }
        if (written.Count == 0)
        {
            host.Out.WriteLine("no configuration files are stored with these backups (backup.config_files was off, or no replica sent any)");
        }
    }
}
