using System.Security.Cryptography;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.ConfigFiles;

namespace ClickVault.Cluster.Cli.Configs;

/// <summary>What was written for one replica, and what could not be.</summary>
public sealed record ReplicaConfigsWritten(string Shard, string RunId, string Replica, string Directory, int Files, long Bytes, IReadOnlyList<RefusedConfigView> Skipped, string? Error);

/// <summary>
/// Writes downloaded configuration files to <c>{target}/shard-{shard}/{replica}/{path}</c>. Every path is checked to stay
/// inside the target and every content against its SHA-256; an existing file is never overwritten.
/// </summary>
public static class ConfigFilesWriter
{
    /// <exception cref="CliUsageException">The target holds a file that would be overwritten (exit code 2).</exception>
    public static async Task<IReadOnlyList<ReplicaConfigsWritten>> WriteAsync(string target, IReadOnlyList<ShardConfigsView> shards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var plan = new List<(string Path, ConfigFileView File)>();
        var written = new List<ReplicaConfigsWritten>();
        foreach (var shard in shards)
        {
            foreach (var replica in shard.Replicas)
            {
                var skipped = replica.Refused.ToList();
                var folder = ConfigRelativePath.Under(target, $"shard-{shard.Shard}/{replica.Replica}");
                var files = 0;
                long bytes = 0;
                foreach (var file in replica.Files)
                {
                    if (ConfigRelativePath.Problem(file.Path) is { } problem)
                    {
                        skipped.Add(new RefusedConfigView(ConfigRelativePath.Printable(file.Path), $"not written: {problem}"));
                    }
                    else if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(file.Content)), file.Sha256, StringComparison.Ordinal))
                    {
                        skipped.Add(new RefusedConfigView(file.Path, "not written: the content does not match its SHA-256"));
                    }
                    else
                    {
                        var path = ConfigRelativePath.Under(folder, file.Path);
                        if (File.Exists(path) || Directory.Exists(path))
                        {
                            throw new CliUsageException($"--configs-to: {path} already exists; choose an empty directory");
                        }
                        plan.Add((path, file));
                        files++;
                        bytes += file.Content.Length;
                    }
                }
                written.Add(new ReplicaConfigsWritten(shard.Shard, shard.RunId, replica.Replica, folder, files, bytes, skipped, replica.Error));
            }
        }
        foreach (var (path, file) in plan)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
        }
        return written;
    }
}
