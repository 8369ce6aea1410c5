using Polly;
using Polly.Retry;

namespace ClickVault.Cluster.Shared.Retries;

/// <summary>Exponential backoff with equal jitter: the n-th retry waits between half and all of min(base * 2^(n-1), max).</summary>
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <param name="retry">1 for the first retry.</param>
    /// <param name="jitter">A value in [0, 1).</param>
    public TimeSpan DelayBefore(int retry, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Math.Min(BaseDelay.Ticks * Math.Pow(2, retry - 1), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (jitter / 2))));
    }

    /// <summary>
    /// This policy as a Polly retry pipeline on <paramref name="timeProvider"/>: exceptions <paramref name="isTransient"/>
    /// accepts are retried unless the caller's token is cancelled; <paramref name="onRetry"/> sees each before its wait.
    /// </summary>
    public ResiliencePipeline ToPipeline(TimeProvider timeProvider, Func<Exception, bool> isTransient, Func<OnRetryArguments<object>, ValueTask> onRetry)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(MaxAttempts - 1, 1),
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && isTransient(e)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber + 1, Random.Shared.NextDouble())),
            OnRetry = onRetry,
        };
        // Polly wants at least one retry: a single attempt runs through the empty pipeline.
        return MaxAttempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddRetry(retry).Build();
    }
}
