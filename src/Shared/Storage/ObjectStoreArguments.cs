using System.Text;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>Argument rules shared by every store, so the in-memory twin rejects what S3 rejects.</summary>
internal static class ObjectStoreArguments
{
    public static void ValidateKey(string key, string paramName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            throw new ArgumentException("object key must not be empty", paramName);
        }

        if (Encoding.UTF8.GetByteCount(key) > ObjectStoreLimits.MaxKeyBytes)
        {
            throw new ArgumentException($"object key must be at most {ObjectStoreLimits.MaxKeyBytes} UTF-8 bytes", paramName);
        }
    }

    public static void ValidateBatch(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > ObjectStoreLimits.MaxDeleteBatch)
        {
            throw new ArgumentException($"a delete batch holds at most {ObjectStoreLimits.MaxDeleteBatch} keys, got {keys.Count}", nameof(keys));
        }

        foreach (var key in keys)
        {
            ValidateKey(key, nameof(keys));
        }
    }

    public static void ValidateList(ListRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Prefix, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxKeys, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.MaxKeys, ObjectStoreLimits.MaxPageSize, nameof(request));
    }
}
