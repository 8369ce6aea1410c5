using Microsoft.Extensions.Time.Testing;

namespace ClickVault.Cluster.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells which timers are armed, so a test can wait until the code under test
/// started its delay before advancing the clock (FakeTimeProvider keeps its waiters internal).
/// </summary>
public sealed class TimerTrackingTimeProvider : FakeTimeProvider
{
    private readonly Lock gate = new();
    private readonly Dictionary<TrackedTimer, DateTimeOffset> armed = [];
    private TaskCompletionSource changed = NewSignal();

    public TimerTrackingTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public TimerTrackingTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Timers that will fire on some future advance of the clock.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (gate)
            {
                return armed.Count;
            }
        }
    }

    /// <summary>When the next armed timer fires, or null when none is armed.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (gate)
            {
                return armed.Count == 0 ? null : armed.Values.Min();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var tracked = new TrackedTimer(this);
        tracked.Attach(base.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan));
        tracked.Change(dueTime, period);
        return tracked;
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are armed, e.g. when code under test started a delay.</summary>
    public Task WaitForActiveTimersAsync(int count, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => armed.Count >= count, cancellationToken);

    /// <summary>Completes once a timer is armed exactly for <paramref name="due"/>, e.g. when code under test set its next wake-up.</summary>
    public Task WaitForTimerAtAsync(DateTimeOffset due, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => armed.ContainsValue(due), cancellationToken);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (condition())
                {
                    return;
                }

                next = changed.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Arm(TrackedTimer timer, DateTimeOffset? due)
    {
        lock (gate)
        {
            if (due is { } at)
            {
                armed[timer] = at;
            }
            else
            {
                armed.Remove(timer);
            }

            changed.TrySetResult();
            changed = NewSignal();
        }
    }

    // FakeTimeProvider moves a periodic timer on by one period from its last due time.
    private void Rearm(TrackedTimer timer, TimeSpan? period)
    {
        DateTimeOffset? next;
        lock (gate)
        {
            next = period is { } every && armed.TryGetValue(timer, out var due) ? due + every : null;
        }

        Arm(timer, next);
    }

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner) : ITimer
    {
        private ITimer? inner;
        private TimeSpan period = Timeout.InfiniteTimeSpan;
        private bool disposed;

        public void Attach(ITimer timer) => inner = timer;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref disposed))
            {
                return false;
            }

            this.period = period;
            // Armed before the inner timer changes: FakeTimeProvider fires a timer that is due now inside Change.
            owner.Arm(this, dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime);
            return inner!.Change(dueTime, period);
        }

        public void Fired()
        {
            var repeats = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
            owner.Rearm(this, repeats ? period : null);
        }

        public void Dispose()
        {
            Volatile.Write(ref disposed, true);
            owner.Arm(this, null);
            inner!.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
