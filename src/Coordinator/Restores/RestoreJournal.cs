using System.Text.Json.Serialization;
using ClickVault.Cluster.Coordinator.Journal;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The active restore's state in S3 (<c>{cluster}/journal/active-restore.json</c>): written before the restore starts and on
/// each phase change, removed when it ends. A coordinator that finds one at start-up was stopped during that restore.
/// </summary>
public static class RestoreJournal
{
    public static JournalDocument<RestoreState> In(IObjectStore store, BackupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new(store, layout.ActiveRestoreKey, RestoreJournalJson.Default.RestoreState, "journal");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RestoreState))]
internal sealed partial class RestoreJournalJson : JsonSerializerContext;
