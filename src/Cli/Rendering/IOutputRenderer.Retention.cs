using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Output of the retention and catalog maintenance verbs.</summary>
public partial interface IOutputRenderer
{
    /// <summary><c>cleanup</c>: every backup with keep/remove and why, and what was deleted (unless a dry run).</summary>
    void Cleanup(CleanupReport report);

    /// <summary><c>delete</c>: the deleted backups.</summary>
    void RunDeleted(DeleteRunReport report);

    /// <summary><c>catalog rebuild</c>: per shard what was found, added, dropped and could not be used.</summary>
    void CatalogRebuilt(CatalogRebuildReport report);

    /// <summary><c>clean-broken</c>: the folders without sidecar, what happens to them and why.</summary>
    void CleanBroken(CleanBrokenReport report);
}
