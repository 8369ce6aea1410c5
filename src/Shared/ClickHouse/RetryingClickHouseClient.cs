using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Retries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>
/// Retries a read (a SELECT, a SHOW, an EXISTS) that failed because ClickHouse could not be reached, on the same Polly
/// pipeline as S3 requests. Nothing else is retried: a BACKUP, RESTORE or KILL may have run although its answer was lost,
/// and a server error or a timeout would only repeat; the callers' own watches decide about those.
/// </summary>
public sealed partial class RetryingClickHouseClient : IClickHouseClient
{
    /// <summary>A few quick tries: a restarting server answers within a second, a dead one is the watch's business.</summary>
    public static RetryPolicy DefaultPolicy { get; } = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

    private readonly IClickHouseClient inner;
    private readonly ResiliencePipeline pipeline;

    public RetryingClickHouseClient(IClickHouseClient inner, RetryPolicy policy, TimeProvider timeProvider, ILogger<RetryingClickHouseClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.inner = inner;
        ILogger log = logger ?? NullLogger<RetryingClickHouseClient>.Instance;
        pipeline = policy.ToPipeline(timeProvider, e => e is ClickHouseUnavailableException, args =>
        {
            LogRetry(log, args.AttemptNumber + 1, policy.MaxAttempts, args.RetryDelay, args.Outcome.Exception?.Message);
            return ValueTask.CompletedTask;
        });
    }

    public Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken) =>
        IsRead(query) ? pipeline.ExecuteAsync(ct => new ValueTask(inner.ExecuteAsync(query, ct)), cancellationToken).AsTask()
            : inner.ExecuteAsync(query, cancellationToken);

    public Task<IReadOnlyList<T>> QueryAsync<T>(ClickHouseQuery query, JsonTypeInfo<T> rowType, CancellationToken cancellationToken) =>
        IsRead(query) ? pipeline.ExecuteAsync(ct => new ValueTask<IReadOnlyList<T>>(inner.QueryAsync(query, rowType, ct)), cancellationToken).AsTask()
            : inner.QueryAsync(query, rowType, cancellationToken);

    /// <summary>Whether the statement only reads, so running it twice is harmless.</summary>
    public static bool IsRead(ClickHouseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadStatement().IsMatch(query.Sql);
    }

    [GeneratedRegex(@"^\s*(\(\s*)*(SELECT|WITH|SHOW|EXISTS|DESCRIBE|DESC)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReadStatement();

    [LoggerMessage(EventId = 1061, Level = LogLevel.Warning, Message = "ClickHouse unreachable on attempt {Attempt}/{MaxAttempts} of a read, retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxAttempts, TimeSpan delay, string? error);
}
