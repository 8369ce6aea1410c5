namespace ClickVault.Cluster.Agent.Transport;

/// <summary>
/// Exponential backoff with full jitter: attempt n waits a uniformly random delay between the minimum and
/// min(maximum, minimum × 2ⁿ). The random source is injected so tests can fix it.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan minimum, TimeSpan maximum, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimum, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        Minimum = minimum;
        Maximum = maximum;
        _random = random;
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>The delay before reconnect attempt <paramref name="attempt"/> (0 after a session that was welcomed).</summary>
    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var cap = Math.Min(Maximum.TotalMilliseconds, Minimum.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 62)));
        return TimeSpan.FromMilliseconds(Minimum.TotalMilliseconds + (_random.NextDouble() * (cap - Minimum.TotalMilliseconds)));
    }
}
