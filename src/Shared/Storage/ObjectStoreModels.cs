namespace ClickVault.Cluster.Shared.Storage;

public static class ObjectStoreLimits
{
    public const int MaxPageSize = 1000;
    public const int MaxDeleteBatch = 1000;
    public const int MaxKeyBytes = 1024;
    public const string DefaultContentType = "application/octet-stream";
}

public sealed record ObjectInfo(string Key, long Size, string ETag, DateTimeOffset LastModified);

public sealed record ObjectContent(ObjectInfo Info, string ContentType, ReadOnlyMemory<byte> Data);

/// <summary>Either an object (<see cref="Info"/> set) or a common prefix of a delimiter listing.</summary>
public sealed record ObjectEntry(string Key, ObjectInfo? Info)
{
    public bool IsCommonPrefix => Info is null;
}

public sealed record ListRequest(
    string Prefix,
    string? Delimiter = null,
    string? ContinuationToken = null,
    int MaxKeys = ObjectStoreLimits.MaxPageSize);

public sealed record ObjectListing(
    IReadOnlyList<ObjectInfo> Objects,
    IReadOnlyList<string> CommonPrefixes,
    string? NextContinuationToken)
{
    public bool IsTruncated => NextContinuationToken is not null;
}

public sealed record DeleteFailure(string Key, string Code, string Message);
