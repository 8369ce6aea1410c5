using System.Text.Json.Serialization;
using ClickVault.Cluster.Coordinator.Journal;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The active restore's state in S3 (<c>{cluster}/journal/active-restore.json</c>): written before the restore starts and on
/// each phase change, removed when it ends. A coordinator that finds one at start-up was stopped during that restore.
/// </summary>
public sealed class RestoreJournal(IObjectStore store, BackupLayout layout)
{
    private readonly JournalDocument<RestoreState> _document = new(store, layout.ActiveRestoreKey, RestoreJournalJson.Default.RestoreState, "journal");

    public Task WriteAsync(RestoreState state, CancellationToken cancellationToken) => _document.WriteAsync(state, cancellationToken);

    /// <exception cref="InvalidDataException">The journal exists but cannot be read as a restore.</exception>
    public Task<RestoreState?> ReadAsync(CancellationToken cancellationToken) => _document.ReadAsync(cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken) => _document.ClearAsync(cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RestoreState))]
internal sealed partial class RestoreJournalJson : JsonSerializerContext;
