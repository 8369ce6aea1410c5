namespace ClickVault.Cluster.Shared.ConfigFiles;

/// <summary>
/// The path of a configuration file relative to the directory it was collected from, as it travels from the agent,
/// is stored under a backup and is written back by <c>clickvault restore --configs-to</c>: '/'-separated segments,
/// none empty, '.' or '..', no backslash, no control character, no leading '/'. Whatever passes cannot leave the
/// directory it is joined to.
/// </summary>
public static class ConfigRelativePath
{
    public const int MaxLength = 1024;

    /// <summary>Null when <paramref name="path"/> is acceptable, else why not.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }
        if (path.Length > MaxLength)
        {
            return $"the path is longer than {MaxLength} characters";
        }
        if (path.Any(char.IsControl))
        {
            return "the path contains a control character";
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "the path contains a backslash";
        }
        if (path.StartsWith('/'))
        {
            return "the path is absolute";
        }
        return path.Split('/').Any(s => s is "" or "." or "..")
            ? "the path has an empty, '.' or '..' segment"
            : null;
    }

    /// <summary>Joins a checked relative path to <paramref name="directory"/>, verifying the result stays inside it.</summary>
    /// <exception cref="ArgumentException">The path is not acceptable.</exception>
    public static string Under(string directory, string path)
    {
        if (Problem(path) is { } problem)
        {
            throw new ArgumentException($"config file path '{Printable(path)}' is refused: {problem}", nameof(path));
        }
        var root = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(root, path));
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(rootWithSeparator, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"config file path '{Printable(path)}' is refused: it leaves {root}", nameof(path));
    }

    /// <summary>The path with control characters escaped, for messages.</summary>
    public static string Printable(string? path) =>
        path is null ? "" : string.Concat(path.Take(200).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
