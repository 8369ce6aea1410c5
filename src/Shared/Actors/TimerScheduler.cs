using System.Diagnostics.CodeAnalysis;

namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// Per-actor keyed timers (Akka's <c>ITimerScheduler</c>) on the system's <see cref="TimeProvider"/>: each delivers its
/// message to the owner's mailbox with no sender. Starting a timer under a key in use replaces the old one; a replaced or
/// cancelled timer never delivers, even if it already fired and its message is queued. Use only from the owning actor.
/// </summary>
public sealed class TimerScheduler
{
    private readonly ActorCell owner;
    private readonly Dictionary<object, Entry> timers = [];
    private long generation;

    internal TimerScheduler(ActorCell owner)
    {
        this.owner = owner;
    }

    /// <summary>Delivers <paramref name="message"/> once, after <paramref name="delay"/>.</summary>
    public void StartSingleTimer(object key, object message, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Start(key, message, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Delivers <paramref name="message"/> every <paramref name="interval"/>, the first time after one interval.</summary>
    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    /// <summary>Delivers <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in timers.Values)
        {
            entry.Timer.Dispose();
        }

        timers.Clear();
    }

    /// <summary>The message of a fired timer if that timer is still current; a single timer is then done.</summary>
    internal bool TryTake(TimerFired fired, [NotNullWhen(true)] out object? message)
    {
        message = null;
        if (!timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            Cancel(fired.Key);
        }

        message = entry.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var current = ++generation;
        var tick = new TimerTick(owner, new Envelope(new TimerFired(key, current), ActorRef.NoSender));
        var timer = owner.System.TimeProvider.CreateTimer(static state => ((TimerTick)state!).Deliver(), tick, dueTime, period);
        timers[key] = new Entry(current, message, period != Timeout.InfiniteTimeSpan, timer);
    }

    private sealed record Entry(long Generation, object Message, bool Periodic, ITimer Timer);

    private sealed record TimerTick(ActorCell Owner, Envelope Fired)
    {
        public void Deliver() => Owner.Post(Fired);
    }
}
