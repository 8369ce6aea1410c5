using System.Text.Json;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// A rebuilt entry's <c>last_verified</c>: carried over from the index being replaced when it lists the backup, otherwise read
/// back from the backup's own <c>.clickvault_verify.json</c> (one GET, only for backups the old index did not list; the time
/// is the report's upload time).
/// </summary>
public sealed class VerificationMarks(IObjectStore store)
{
    public async Task<CatalogEntry> MarkAsync(CatalogEntry entry, ShardCatalog? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (previous?.Backups.FirstOrDefault(b => b.RunId == entry.RunId) is { } listed)
        {
            return entry with { LastVerified = listed.LastVerified };
        }

        ObjectContent content;
        try
        {
            content = await store.GetAsync(BackupLayout.VerifyReportKey(entry.Prefix), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return entry;
        }

        VerifyShardView? report;
        try
        {
            report = JsonSerializer.Deserialize(content.Data.Span, VerifyApiJson.Default.VerifyShardView);
        }
        catch (JsonException)
        {
            return entry;
        }

        return report is null || report.RunId != entry.RunId.Value
            ? entry
            : entry with { LastVerified = new LastVerification(content.Info.LastModified, report.Passed, report.Replica ?? "", VerifyPlanner.Summary(report)) };
    }
}
