using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Shared.Catalog;

/// <summary>Reads and writes the catalog documents (sidecars, shard indexes, run manifests) at the keys of the layout.</summary>
public sealed class CatalogStore(IObjectStore store, BackupLayout layout)
{
    private const string Json = "application/json";

    public BackupLayout Layout => layout;

    public async Task<ShardCatalog> ReadShardAsync(ShardId shard, string shardPath, CancellationToken cancellationToken) =>
        await ReadAsync(layout.CatalogKey(shardPath), CatalogJson.Default.ShardCatalog, cancellationToken).ConfigureAwait(false)
        ?? ShardCatalog.Empty(layout.Cluster.Value, shard.Value, shardPath);

    public Task WriteShardAsync(ShardCatalog catalog, CancellationToken cancellationToken) =>
        WriteAsync(layout.CatalogKey(catalog.ShardPath), catalog, CatalogJson.Default.ShardCatalog, cancellationToken);

    public Task WriteSidecarAsync(string backupPrefix, BackupSidecar sidecar, CancellationToken cancellationToken) =>
        WriteAsync(backupPrefix + BackupLayout.SidecarName, sidecar, CatalogJson.Default.BackupSidecar, cancellationToken);

    public Task<BackupSidecar?> ReadSidecarAsync(string backupPrefix, CancellationToken cancellationToken) =>
        ReadAsync(backupPrefix + BackupLayout.SidecarName, CatalogJson.Default.BackupSidecar, cancellationToken);

    /// <summary>True once ClickHouse has finished writing the native backup (its <c>.backup</c> object exists).</summary>
    public Task<bool> NativeBackupExistsAsync(string backupPrefix, CancellationToken cancellationToken) =>
        store.ExistsAsync(backupPrefix + BackupLayout.NativeMetadataName, cancellationToken);

    /// <summary>The data parts the native backup holds, from its <c>.backup</c> file.</summary>
    /// <exception cref="ObjectNotFoundException">ClickHouse has not written (or someone deleted) the <c>.backup</c>.</exception>
    /// <exception cref="FormatException">The <c>.backup</c> is not readable.</exception>
    public async Task<NativeBackupContents> ReadNativeContentsAsync(string backupPrefix, CancellationToken cancellationToken)
    {
        var content = await store.GetAsync(backupPrefix + BackupLayout.NativeMetadataName, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(content.Data.ToArray(), writable: false);
        return NativeBackupContents.Parse(stream);
    }

    public Task WriteRunManifestAsync(RunManifest manifest, CancellationToken cancellationToken) =>
        WriteAsync(layout.RunManifestKey(RunId.Parse(manifest.RunId)), manifest, CatalogJson.Default.RunManifest, cancellationToken);

    public Task<RunManifest?> ReadRunManifestAsync(RunId run, CancellationToken cancellationToken) =>
        ReadAsync(layout.RunManifestKey(run), CatalogJson.Default.RunManifest, cancellationToken);

    /// <summary>The newest run manifests first.</summary>
    public async Task<IReadOnlyList<RunManifest>> ListRunManifestsAsync(int limit, CancellationToken cancellationToken)
    {
        var listing = await store.ListAllAsync(layout.RunsPrefix, "/", cancellationToken).ConfigureAwait(false);
        var manifests = new List<RunManifest>();
        foreach (var key in listing.Objects.Select(o => o.Key).Where(k => k.EndsWith(".json", StringComparison.Ordinal)).OrderDescending().Take(limit))
        {
            if (await ReadAsync(key, CatalogJson.Default.RunManifest, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                manifests.Add(manifest);
            }
        }
        return manifests;
    }

    public Task WriteConfigListingAsync(string backupPrefix, ConfigListing listing, CancellationToken cancellationToken) =>
        WriteAsync(BackupLayout.ConfigListingKey(backupPrefix, listing.Replica), listing, CatalogJson.Default.ConfigListing, cancellationToken);

    /// <summary>Every replica's configuration listing of a backup, by replica name.</summary>
    public async Task<IReadOnlyList<ConfigListing>> ReadConfigListingsAsync(string backupPrefix, CancellationToken cancellationToken)
    {
        var root = backupPrefix + BackupLayout.ConfigFolderName + "/";
        var listing = await store.ListAllAsync(root, null, cancellationToken).ConfigureAwait(false);
        var listings = new List<ConfigListing>();
        foreach (var key in listing.Objects.Select(o => o.Key).Where(k => k.EndsWith("/listing.json", StringComparison.Ordinal) && k.Count(c => c == '/') == root.Count(c => c == '/') + 1).Order(StringComparer.Ordinal))
        {
            if (await ReadAsync(key, CatalogJson.Default.ConfigListing, cancellationToken).ConfigureAwait(false) is { } document)
            {
                listings.Add(document);
            }
        }
        return listings;
    }

    private Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        ReadDocumentAsync(store, key, type, cancellationToken);

    /// <summary>A JSON document of the catalog at <paramref name="key"/>; null when it does not exist, <see cref="CatalogCorruptException"/> when unreadable.</summary>
    public static async Task<T?> ReadDocumentAsync<T>(IObjectStore store, string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ObjectContent content;
        try
        {
            content = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(content.Data.Span, type)
                   ?? throw new CatalogCorruptException(key, "document is JSON null");
        }
        catch (JsonException e)
        {
            throw new CatalogCorruptException(key, e.Message);
        }
    }

    private Task WriteAsync<T>(string key, T document, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(document, type), Json, cancellationToken);
}

/// <summary>A catalog document in S3 cannot be read; `clickvault catalog rebuild` recreates indexes from sidecars.</summary>
public sealed class CatalogCorruptException(string key, string reason)
    : Exception($"catalog document '{key}' is unreadable: {reason}")
{
    public string Key { get; } = key;

    /// <summary>What is wrong with it (the JSON error, or that it is JSON null).</summary>
    public string Reason { get; } = reason;
}
