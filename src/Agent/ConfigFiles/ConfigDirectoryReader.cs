using System.Security.Cryptography;
using ClickVault.Cluster.Shared.ConfigFiles;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.ConfigFiles;

/// <summary>One collected configuration file.</summary>
public sealed record CollectedConfigFile(string Path, byte[] Content, string Sha256);

/// <summary>What a collection found: files (relative paths, in ordinal order), refused entries with reasons, or an error.</summary>
public sealed record ConfigCollection(string Directory, IReadOnlyList<CollectedConfigFile> Files, IReadOnlyList<RefusedConfigEntry> Refused, string? Error);

/// <summary>
/// Reads a ClickHouse configuration directory for a backup, never anything outside it: a symbolic link is followed
/// only when its final target lies inside the directory (a link to a file is collected under the link's path; a link to
/// a directory is listed as refused since its files are collected at their real path); links that lead out are refused.
/// Files over the size limits, unreadable files and names that cannot travel are refused with the reason. Entries of
/// length 0 are recorded as empty files without being opened, so a FIFO or device node can never block the agent.
/// </summary>
public static class ConfigDirectoryReader
{
    private const int MaxLinkDepth = 40;

    public static async Task<ConfigCollection> ReadAsync(ConfigBackupOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var given = options.Directory;
        if (!Directory.Exists(given))
        {
            return new ConfigCollection(given, [], [], $"config directory {given} does not exist or is not a directory (config_backup.directory)");
        }

        string root;
        try
        {
            root = RealPath(given);
        }
        catch (IOException e)
        {
            return new ConfigCollection(given, [], [], $"config directory {given} cannot be resolved: {e.Message}");
        }

        var walk = new Walk(root, options);
        try
        {
            await walk.DirectoryAsync(given, "", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new ConfigCollection(given, walk.Files, walk.Refused, $"config directory {given} cannot be listed: {e.Message}");
        }
        return new ConfigCollection(given, walk.Files, walk.Refused, null);
    }

    /// <summary>
    /// The path with every symbolic link in it resolved, component by component like realpath(3): a ".." after a link
    /// goes up from the link's target, not from the link.
    /// </summary>
    /// <exception cref="IOException">A link loops or nests deeper than 40.</exception>
    internal static string RealPath(string path, int depth = 0)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of symbolic links at {path}");
        }
        var absolute = Path.IsPathRooted(path) ? path : Path.Join(System.IO.Directory.GetCurrentDirectory(), path);
        var current = "/";
        foreach (var part in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            current = target is null
                ? next
                : RealPath(Path.IsPathRooted(target) ? target : Path.Join(current, target), depth + 1);
        }
        return current;
    }

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private sealed class Walk(string root, ConfigBackupOptions options)
    {
        private long _total;

        public List<CollectedConfigFile> Files { get; } = [];

        public List<RefusedConfigEntry> Refused { get; } = [];

        public async Task DirectoryAsync(string directory, string relative, CancellationToken cancellationToken)
        {
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(entry);
                var path = relative.Length == 0 ? name : $"{relative}/{name}";
                if (ConfigRelativePath.Problem(path) is { } problem)
                {
                    Refused.Add(new RefusedConfigEntry(ConfigRelativePath.Printable(path), $"the name cannot be stored: {problem}"));
                    continue;
                }
                await EntryAsync(entry, path, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task EntryAsync(string entry, string path, CancellationToken cancellationToken)
        {
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } link)
            {
                string target;
                try
                {
                    target = RealPath(entry);
                }
                catch (IOException e)
                {
                    Refused.Add(new RefusedConfigEntry(path, $"symbolic link to {link} cannot be resolved: {e.Message}"));
                    return;
                }
                if (!IsInside(target, root))
                {
                    Refused.Add(new RefusedConfigEntry(path, $"symbolic link to {link} leads outside {root}"));
                }
                else if (System.IO.Directory.Exists(target))
                {
                    Refused.Add(new RefusedConfigEntry(path, $"symbolic link to the directory {link} inside {root}: its files are collected at their real path"));
                }
                else if (File.Exists(target))
                {
                    await FileAsync(new FileInfo(target), path, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Refused.Add(new RefusedConfigEntry(path, $"symbolic link to {link} points at nothing"));
                }
                return;
            }
            if (System.IO.Directory.Exists(entry))
            {
                await DirectoryAsync(entry, path, cancellationToken).ConfigureAwait(false);
                return;
            }
            await FileAsync(info, path, cancellationToken).ConfigureAwait(false);
        }

        private async Task FileAsync(FileInfo file, string path, CancellationToken cancellationToken)
        {
            if (file.Length > options.MaxFileSize)
            {
                Refused.Add(new RefusedConfigEntry(path, $"{file.Length} bytes, more than config_backup.max_file_size ({options.MaxFileSize})"));
                return;
            }
            if (_total + file.Length > options.MaxTotalSize)
            {
                Refused.Add(new RefusedConfigEntry(path, $"the collection would exceed config_backup.max_total_size ({options.MaxTotalSize} bytes)"));
                return;
            }
            byte[] content;
            try
            {
                content = file.Length == 0 ? [] : await ReadAtMostAsync(file.FullName, options.MaxFileSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                Refused.Add(new RefusedConfigEntry(path, $"cannot be read: {e.Message}"));
                return;
            }
            if (content.Length > options.MaxFileSize)
            {
                Refused.Add(new RefusedConfigEntry(path, $"grew beyond config_backup.max_file_size ({options.MaxFileSize}) while being read"));
                return;
            }
            _total += content.Length;
            Files.Add(new CollectedConfigFile(path, content, Convert.ToHexStringLower(SHA256.HashData(content))));
        }

        private static async Task<byte[]> ReadAtMostAsync(string file, long limit, CancellationToken cancellationToken)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 16 * 1024, useAsync: true);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    break;
                }
            }
            return buffer.ToArray();
        }
    }
}
