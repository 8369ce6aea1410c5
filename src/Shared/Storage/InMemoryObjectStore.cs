using System.Security.Cryptography;
using System.Text;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>
/// A thread-safe in-memory twin of <see cref="S3ObjectStore"/> with the semantics of real S3: UTF-8 binary key order,
/// delimiter listings with common prefixes counted against the page size, opaque continuation tokens,
/// ETags as quoted MD5 hex, last-modified in whole seconds from the injected clock.
/// </summary>
public sealed class InMemoryObjectStore(TimeProvider timeProvider, string bucket = "memory") : IObjectStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, StoredObject> objects = new(ObjectKeyComparer.Instance);

    public InMemoryObjectStore()
        : this(TimeProvider.System)
    {
    }

    public string Bucket { get; } = bucket;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return objects.Count;
            }
        }
    }

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store(key, content.ToArray(), contentType));
    }

    public async Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Store(key, buffer.ToArray(), contentType);
    }

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return objects.TryGetValue(key, out var stored)
                ? Task.FromResult(new ObjectContent(stored.Info, stored.ContentType, stored.Data))
                : Task.FromException<ObjectContent>(new ObjectNotFoundException(Bucket, key));
        }
    }

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(objects.TryGetValue(key, out var stored) ? stored.Info : null);
        }
    }

    public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateList(request);
        cancellationToken.ThrowIfCancellationRequested();
        var after = request.ContinuationToken is { } token ? DecodeToken(token) : null;
        var delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter;
        var found = new List<ObjectInfo>();
        var prefixes = new List<string>();
        string? last = null;
        var truncated = false;
        lock (gate)
        {
            foreach (var (key, stored) in objects)
            {
                if (!key.StartsWith(request.Prefix, StringComparison.Ordinal))
                {
                    if (ObjectKeyComparer.Instance.Compare(key, request.Prefix) > 0)
                    {
                        break;
                    }

                    continue;
                }

                var entry = delimiter is null ? key : CommonPrefix(key, request.Prefix, delimiter) ?? key;
                if ((after is not null && ObjectKeyComparer.Instance.Compare(entry, after) <= 0) || entry == last)
                {
                    continue;
                }

                if (found.Count + prefixes.Count == request.MaxKeys)
                {
                    truncated = true;
                    break;
                }

                if (ReferenceEquals(entry, key))
                {
                    found.Add(stored.Info);
                }
                else
                {
                    prefixes.Add(entry);
                }

                last = entry;
            }
        }

        return Task.FromResult(new ObjectListing(found, prefixes, truncated ? EncodeToken(last!) : null));
    }

    public Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateBatch(keys);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            foreach (var key in keys)
            {
                objects.Remove(key);
            }
        }

        return Task.FromResult<IReadOnlyList<DeleteFailure>>([]);
    }

    private string Store(string key, byte[] data, string? contentType)
    {
        var etag = $"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"";
        var now = timeProvider.GetUtcNow();
        var lastModified = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        var stored = new StoredObject(new ObjectInfo(key, data.LongLength, etag, lastModified), contentType ?? ObjectStoreLimits.DefaultContentType, data);
        lock (gate)
        {
            objects[key] = stored;
        }

        return etag;
    }

    private static string? CommonPrefix(string key, string prefix, string delimiter)
    {
        var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : key[..(at + delimiter.Length)];
    }

    private static string EncodeToken(string lastEntry) => Convert.ToBase64String(Encoding.UTF8.GetBytes(lastEntry));

    private string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException ex)
        {
            throw new ObjectStoreException($"listing {ObjectStoreException.Location(Bucket, null)} failed: invalid continuation token", Bucket, null, isTransient: false, ex);
        }
    }

    private sealed record StoredObject(ObjectInfo Info, string ContentType, byte[] Data);
}
