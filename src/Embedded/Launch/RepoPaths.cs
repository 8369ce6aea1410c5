namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>Locations inside the checkout: the repository root and the project-local tool installs.</summary>
public static class RepoPaths
{
    public const string ChdbLibraryVariable = "CLICKVAULT_CHDB_LIB";

    public const string RootVariable = "CLICKVAULT_REPO_ROOT";

    /// <summary>$CLICKVAULT_REPO_ROOT, else the first folder holding ClickVault.Cluster.sln above the binaries or the current directory.</summary>
    public static string Root()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ClickVault.Cluster.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"no ClickVault.Cluster.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set {RootVariable}");
    }

    public static string Tools() => Path.Combine(Root(), ".tools", "node_modules");

    public static string ChdbLibrary() =>
        Environment.GetEnvironmentVariable(ChdbLibraryVariable) is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(Tools(), "@chdb", "lib-linux-x64-gnu", "libchdb.so");
}
