using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Journal;

/// <summary>
/// One JSON document of the coordinator's journal in S3 (<c>{cluster}/journal/...</c>): the active run, the active restore,
/// the scheduler's marks. Written whole, read back, removed; <paramref name="label"/> names it in errors.
/// </summary>
public sealed class JournalDocument<T>(IObjectStore store, string key, JsonTypeInfo<T> type, string label)
    where T : class
{
    public string Key => key;

    public Task WriteAsync(T value, CancellationToken cancellationToken) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json", cancellationToken);

    /// <summary>The document; null when it does not exist.</summary>
    /// <exception cref="InvalidDataException">It exists but cannot be read as <typeparamref name="T"/>.</exception>
    public async Task<T?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CatalogStore.ReadDocumentAsync(store, key, type, cancellationToken).ConfigureAwait(false);
        }
        catch (CatalogCorruptException e)
        {
            throw new InvalidDataException($"{label} '{key}' is unreadable: {e.Reason}", e);
        }
    }

    public Task ClearAsync(CancellationToken cancellationToken) => store.DeleteAsync(key, cancellationToken);
}
