using ClickVault.Cluster.Shared.Retries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ClickVault.Cluster.Shared.Storage;

/// <summary>
/// Retries transient failures (5xx, throttling, timeouts, connection errors) with exponential backoff and jitter.
/// Not-found, access-denied and other client errors fail at once; a cancelled token is never retried. The loop is Polly's
/// (<see cref="RetryPolicy.ToPipeline"/>).
/// </summary>
public sealed partial class RetryingObjectStore : IObjectStore
{
    private static readonly ResiliencePropertyKey<(string Operation, string? Key)> Request = new("clickvault.s3.request");
    private readonly IObjectStore inner;
    private readonly ResiliencePipeline pipeline;

    public RetryingObjectStore(IObjectStore inner, RetryPolicy policy, TimeProvider timeProvider, ILogger<RetryingObjectStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.inner = inner;
        ILogger log = logger ?? NullLogger<RetryingObjectStore>.Instance;
        pipeline = policy.ToPipeline(timeProvider, IsTransient, args =>
        {
            var (operation, key) = args.Context.Properties.GetValue(Request, ("request", null));
            LogRetry(log, operation, Bucket, key, args.AttemptNumber + 1, policy.MaxAttempts, args.RetryDelay, args.Outcome.Exception?.Message);
            return ValueTask.CompletedTask;
        });
    }

    public string Bucket => inner.Bucket;

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken) =>
        RunAsync("put", key, ct => inner.PutAsync(key, content, contentType, ct), cancellationToken);

    public async Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return await PutAsync(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), contentType, cancellationToken).ConfigureAwait(false);
        }

        var start = content.Position;
        return await RunAsync(
            "put",
            key,
            ct =>
            {
                content.Position = start;
                return inner.PutAsync(key, content, contentType, ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("get", key, ct => inner.GetAsync(key, ct), cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("head", key, ct => inner.HeadAsync(key, ct), cancellationToken);

    public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken) =>
        RunAsync("list", request.Prefix, ct => inner.ListPageAsync(request, ct), cancellationToken);

    public Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        RunAsync("delete", keys.Count > 0 ? keys[0] : null, ct => inner.DeleteBatchAsync(keys, ct), cancellationToken);

    public static bool IsTransient(Exception exception) => exception switch
    {
        ObjectStoreException store => store.IsTransient,
        HttpRequestException or TimeoutException or IOException => true,
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private async Task<T> RunAsync<T>(string operation, string? key, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Request, (operation, key));
        try
        {
            return await pipeline.ExecuteAsync(
                static async (c, action) => await action(c.CancellationToken).ConfigureAwait(c.ContinueOnCapturedContext),
                context,
                action).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Object store {Operation} in {Bucket} (key {Key}) failed transiently on attempt {Attempt}/{MaxAttempts}, retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, string operation, string bucket, string? key, int attempt, int maxAttempts, TimeSpan delay, string? error);
}
