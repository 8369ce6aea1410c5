using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// The active restore's state in S3 (<c>{cluster}/journal/active-restore.json</c>): written before the restore starts and on
/// each change, removed when it ends. A coordinator that finds one at start-up was stopped during that restore.
/// </summary>
public sealed class RestoreJournal(IObjectStore store, BackupLayout layout)
{
    public Task WriteAsync(RestoreState state, CancellationToken cancellationToken) =>
        store.PutAsync(layout.ActiveRestoreKey, JsonSerializer.SerializeToUtf8Bytes(state, RestoreJournalJson.Default.RestoreState), "application/json",
            cancellationToken);

    /// <exception cref="InvalidDataException">The journal exists but cannot be read as a restore.</exception>
    public async Task<RestoreState?> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectContent content;
        try
        {
            content = await store.GetAsync(layout.ActiveRestoreKey, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content.Data.Span, RestoreJournalJson.Default.RestoreState)
                   ?? throw new InvalidDataException($"journal '{layout.ActiveRestoreKey}' is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"journal '{layout.ActiveRestoreKey}' is unreadable: {e.Message}", e);
        }
    }

    public Task ClearAsync(CancellationToken cancellationToken) => store.DeleteAsync(layout.ActiveRestoreKey, cancellationToken);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RestoreState))]
internal sealed partial class RestoreJournalJson : JsonSerializerContext;
