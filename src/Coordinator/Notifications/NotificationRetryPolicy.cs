using ClickVault.Cluster.Shared.Retries;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// When to try a notification again: exponential backoff with equal jitter (retry n waits between half and all of
/// min(<see cref="BaseDelay"/> * 2^(n-1), <see cref="MaxDelay"/>)), except that a receiver's Retry-After is honoured
/// exactly, up to <see cref="MaxRetryAfter"/>; a receiver asking for longer is given up on rather than retried early.
/// </summary>
public sealed record NotificationRetryPolicy
{
    public static NotificationRetryPolicy Default { get; } = new();

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <param name="retry">1 for the first retry.</param>
    /// <param name="retryAfter">The receiver's Retry-After, if it sent one.</param>
    /// <param name="jitter">A value in [0, 1).</param>
    /// <returns>The wait before the retry, or null when the receiver's Retry-After exceeds <see cref="MaxRetryAfter"/>.</returns>
    public TimeSpan? DelayBefore(int retry, TimeSpan? retryAfter, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (retryAfter is { } asked)
        {
            return asked > MaxRetryAfter ? null : asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        }

        return new RetryPolicy { BaseDelay = BaseDelay, MaxDelay = MaxDelay }.DelayBefore(retry, Math.Clamp(jitter, 0, 1));
    }
}
