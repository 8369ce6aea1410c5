namespace ClickVault.Cluster.Shared.Actors;

/// <summary>What a supervisor does with a child whose handler threw.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is dropped.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from the child's <see cref="Props"/> after a backoff; the mailbox and the ref survive, the failing message is dropped.</summary>
    Restart,

    /// <summary>Stop the child; watchers get <see cref="Terminated"/>.</summary>
    Stop,

    /// <summary>Stop the child and fail the parent with the same exception, so the grandparent decides about the parent.</summary>
    Escalate,
}

/// <summary>
/// One-for-one supervision of an actor's children (Akka's <c>OneForOneStrategy</c> merged with a restart backoff): the
/// <see cref="Decider"/> maps an exception to a <see cref="Directive"/>; a child may be restarted at most
/// <see cref="MaxRestarts"/> times within <see cref="Window"/> (measured on the system's clock), the next failure stops it.
/// The decider runs on the failing child's loop, so keep it a pure function of the exception.
/// </summary>
public sealed record SupervisorStrategy
{
    /// <summary>Restart on every exception, at most 10 times a minute, backoff from 100 ms doubling up to 30 s.</summary>
    public static SupervisorStrategy Default { get; } = new();

    public Func<Exception, Directive> Decider { get; init; } = static _ => Directive.Restart;

    /// <summary>Restarts allowed within <see cref="Window"/>; 0 stops a child on its first failure decided as Restart.</summary>
    public int MaxRestarts
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 10;

    public TimeSpan Window
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromMinutes(1);

    public RestartBackoff Backoff { get; init; } = RestartBackoff.Default;

    /// <summary>A strategy applying <paramref name="directive"/> to every exception.</summary>
    public static SupervisorStrategy Always(Directive directive) => new() { Decider = _ => directive };
}

/// <summary>
/// Delay before the n-th restart within the supervision window: <c>Min * 2^(n-1)</c>, capped at <c>Max</c>, then stretched
/// by up to <see cref="RandomFactor"/> (0 = deterministic, the default). Jitter draws from <see cref="Random"/> when given,
/// else from <see cref="System.Random.Shared"/>.
/// </summary>
public sealed record RestartBackoff
{
    public RestartBackoff(TimeSpan min, TimeSpan max, double randomFactor = 0, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfNegative(randomFactor);
        Min = min;
        Max = max;
        RandomFactor = randomFactor;
        Random = random;
    }

    /// <summary>100 ms doubling up to 30 s, no jitter.</summary>
    public static RestartBackoff Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

    /// <summary>Restart at once.</summary>
    public static RestartBackoff None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    public double RandomFactor { get; }

    public Random? Random { get; }

    /// <summary>Delay before restart number <paramref name="restart"/> (1-based) within the window.</summary>
    public TimeSpan DelayBefore(int restart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restart, 1);
        var exponent = Math.Min(restart - 1, 30);
        var ticks = Math.Min(Min.Ticks * (double)(1L << exponent), Max.Ticks);
        if (RandomFactor > 0)
        {
            ticks *= 1 + (RandomFactor * NextDouble());
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    private double NextDouble()
    {
        if (Random is null)
        {
            return System.Random.Shared.NextDouble();
        }

        lock (Random)
        {
            return Random.NextDouble();
        }
    }
}
