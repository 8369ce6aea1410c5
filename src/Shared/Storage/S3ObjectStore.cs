using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on the AWS SDK for any S3-compatible server (AWS, MinIO, s3rver).
/// Performs no retries itself: wrap it in a <see cref="RetryingObjectStore"/> (as <c>AddObjectStore</c> does).
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3ErrorTranslator errors;

    public S3ObjectStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new S3StoreOptionsValidator().Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(S3StoreOptions.DefaultSection, typeof(S3StoreOptions), failures);
        }

        Bucket = options.Bucket;
        errors = new S3ErrorTranslator(Bucket, new[] { options.AccessKey, options.SecretKey }.OfType<string>().Where(s => s.Length > 0).ToArray());
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrEmpty(options.Endpoint))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.Endpoint;
            config.AuthenticationRegion = options.Region;
            config.IgnoreConfiguredEndpointUrls = true;
        }

        client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public string Bucket { get; }

    public async Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await PutAsync(key, stream, contentType, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek || content.Position != 0)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            return await PutAsync(key, buffer, contentType, cancellationToken).ConfigureAwait(false);
        }

        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType ?? ObjectStoreLimits.DefaultContentType,
            UseChunkEncoding = false,
        };
        var response = await ExecuteAsync("put", key, () => client.PutObjectAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Quote(response.ETag);
    }

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        return ExecuteAsync(
            "get",
            key,
            async () =>
            {
                using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
                using var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                var info = new ObjectInfo(key, buffer.Length, Quote(response.ETag), ToOffset(response.LastModified));
                return new ObjectContent(info, response.Headers.ContentType ?? ObjectStoreLimits.DefaultContentType, buffer.ToArray());
            },
            cancellationToken);
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateKey(key);
        try
        {
            var response = await ExecuteAsync(
                "head",
                key,
                () => client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, response.ContentLength, Quote(response.ETag), ToOffset(response.LastModified));
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateList(request);
        var sdkRequest = new ListObjectsV2Request
        {
            BucketName = Bucket,
            Prefix = request.Prefix,
            Delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter,
            ContinuationToken = request.ContinuationToken,
            MaxKeys = request.MaxKeys,
        };
        var response = await ExecuteAsync("list", request.Prefix, () => client.ListObjectsV2Async(sdkRequest, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        var objects = (response.S3Objects ?? [])
            .Select(o => new ObjectInfo(o.Key, o.Size ?? 0, Quote(o.ETag), ToOffset(o.LastModified)))
            .ToArray();
        var next = response.IsTruncated == true ? response.NextContinuationToken : null;
        return new ObjectListing(objects, response.CommonPrefixes?.ToArray() ?? [], next);
    }

    public async Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ObjectStoreArguments.ValidateBatch(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var request = new DeleteObjectsRequest
        {
            BucketName = Bucket,
            Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
            Quiet = true,
        };
        var response = await ExecuteAsync(
            "delete",
            keys[0],
            async () =>
            {
                try
                {
                    return await client.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (DeleteObjectsException partial)
                {
                    return partial.Response;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return (response.DeleteErrors ?? []).Select(e => new DeleteFailure(e.Key, e.Code, e.Message)).ToArray();
    }

    public void Dispose() => client.Dispose();

    private static string Quote(string? etag) =>
        string.IsNullOrEmpty(etag) || etag.StartsWith('"') ? etag ?? "" : $"\"{etag}\"";

    private static DateTimeOffset ToOffset(DateTime? value) => value switch
    {
        null => DateTimeOffset.UnixEpoch,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)),
        { } v => new DateTimeOffset(v.ToUniversalTime()),
    };

    private async Task<T> ExecuteAsync<T>(string operation, string? key, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (errors.Translate(ex, operation, key, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }
}
