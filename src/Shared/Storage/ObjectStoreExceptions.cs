namespace ClickVault.Cluster.Shared.Storage;

/// <summary>A failed object store request. Messages name bucket and key, never credentials.</summary>
public class ObjectStoreException(string message, string bucket, string? key, bool isTransient, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Bucket { get; } = bucket;

    public string? Key { get; } = key;

    /// <summary>True for failures worth retrying: 5xx, throttling, timeouts, connection errors.</summary>
    public bool IsTransient { get; } = isTransient;

    internal static string Location(string bucket, string? key) => key is null ? $"s3://{bucket}" : $"s3://{bucket}/{key}";
}

public sealed class ObjectNotFoundException(string bucket, string key, Exception? innerException = null)
    : ObjectStoreException($"object {Location(bucket, key)} does not exist", bucket, key, isTransient: false, innerException);

public sealed class ObjectAccessDeniedException(string message, string bucket, string? key, Exception? innerException = null)
    : ObjectStoreException(message, bucket, key, isTransient: false, innerException);

public sealed class ObjectDeleteException(string bucket, IReadOnlyList<DeleteFailure> failures)
    : ObjectStoreException(Describe(bucket, failures), bucket, key: null, isTransient: false)
{
    private const int ListedFailures = 5;

    public IReadOnlyList<DeleteFailure> Failures { get; } = failures;

    private static string Describe(string bucket, IReadOnlyList<DeleteFailure> failures)
    {
        var listed = string.Join(", ", failures.Take(ListedFailures).Select(f => $"{f.Key} ({f.Code}: {f.Message})"));
        var more = failures.Count > ListedFailures ? $" and {failures.Count - ListedFailures} more" : "";
        return $"deleting {failures.Count} key(s) from {Location(bucket, null)} failed: {listed}{more}";
    }
}
