using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary><c>--json</c> of the maintenance verbs: the API's report DTOs (<see cref="RetentionApiJson"/>), one document each.</summary>
public sealed partial class JsonRenderer
{
    public void Cleanup(CleanupReport report) => Write(report, RetentionApiJson.Default.CleanupReport);

    public void RunDeleted(DeleteRunReport report) => Write(report, RetentionApiJson.Default.DeleteRunReport);

    public void CatalogRebuilt(CatalogRebuildReport report) => Write(report, RetentionApiJson.Default.CatalogRebuildReport);

    public void CleanBroken(CleanBrokenReport report) => Write(report, RetentionApiJson.Default.CleanBrokenReport);
}
