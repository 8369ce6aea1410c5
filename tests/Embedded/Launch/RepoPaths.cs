namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>Locations inside the checkout: the repository root and the project-local tool installs.</summary>
public static class RepoPaths
{
    public const string ChdbLibraryVariable = "CLICKVAULT_CHDB_LIB";

    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClickVault.Cluster.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no ClickVault.Cluster.sln above {AppContext.BaseDirectory}");
    }

    public static string Tools() => Path.Combine(Root(), ".tools", "node_modules");

    public static string ChdbLibrary() =>
        Environment.GetEnvironmentVariable(ChdbLibraryVariable) is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.Combine(Tools(), "@chdb", "lib-linux-x64-gnu", "libchdb.so");
}
