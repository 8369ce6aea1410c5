namespace ClickVault.Cluster.Testing.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when told to. Timers (and so <c>Task.Delay(d, provider)</c>) fire
/// during <see cref="Advance"/>, in due-time order, on the advancing thread; a timer due now fires on the next Advance,
/// even <c>Advance(TimeSpan.Zero)</c>.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;
    private TaskCompletionSource timersChanged = NewSignal();
    private long sequence;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that will fire on some future <see cref="Advance"/>.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (gate)
            {
                return timers.Count;
            }
        }
    }

    /// <summary>When the next active timer fires, or null when none is active.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (gate)
            {
                return timers.Count == 0 ? null : timers.Min(t => t.Due);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = now + delta;
        }

        while (NextDue(target) is { } timer)
        {
            timer.Callback(timer.State);
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        var delta = value - GetUtcNow();
        Advance(delta);
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are active, e.g. when code under test started a delay.</summary>
    public async Task WaitForActiveTimersAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (gate)
            {
                if (timers.Count >= count)
                {
                    return;
                }

                changed = timersChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes once an active timer is due exactly at <paramref name="due"/>, e.g. when code under test armed its next wake-up.</summary>
    public async Task WaitForTimerAtAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (gate)
            {
                if (timers.Any(t => t.Due == due))
                {
                    return;
                }

                changed = timersChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (gate)
        {
            var next = timers.Where(t => t.Due <= target).MinBy(t => (t.Due, t.Sequence));
            if (next is null)
            {
                now = target;
                return null;
            }

            now = next.Due > now ? next.Due : now;
            if (next.Period is { } period)
            {
                next.Due = now + period;
            }
            else
            {
                timers.Remove(next);
            }

            Signal();
            return next;
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = now + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                timer.Sequence = ++sequence;
                timers.Add(timer);
            }

            Signal();
        }
    }

    private void Signal()
    {
        timersChanged.TrySetResult();
        timersChanged = NewSignal();
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool disposed;

        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            if (Volatile.Read(ref disposed))
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose()
        {
            Volatile.Write(ref disposed, true);
            owner.Schedule(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
