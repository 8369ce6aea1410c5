namespace ClickVault.Cluster.Shared.Storage;

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
}
