using ClickVault.Cluster.Testing.Time;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class TimerTrackingTimeProviderTests
{
    private readonly TimerTrackingTimeProvider time = new();

    [Fact]
    public async Task Delays_complete_only_when_the_clock_passes_their_due_time()
    {
        var start = time.GetUtcNow();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(start.AddSeconds(10), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(10), time.GetElapsedTime(time.GetTimestamp() - TimeSpan.FromSeconds(10).Ticks, time.GetTimestamp()));
    }

    [Fact]
    public void Periodic_timers_fire_once_per_period_in_due_order_and_stay_armed_for_the_next_period()
    {
        var start = time.GetUtcNow();
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add("periodic"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var once = time.CreateTimer(_ => fired.Add("once"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        Assert.Equal(start.AddSeconds(2), time.NextTimerDueAt);

        time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(["periodic", "once", "periodic", "periodic"], fired);
        Assert.Equal(1, time.ActiveTimerCount);
        Assert.Equal(start.AddSeconds(8), time.NextTimerDueAt);
    }

    [Fact]
    public void Changed_and_disposed_timers_follow_their_latest_schedule()
    {
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public async Task Waiting_for_timers_completes_when_code_under_test_starts_one()
    {
        var waiting = time.WaitForActiveTimersAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(1), time, cancel.Token);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Equal(0, time.ActiveTimerCount);
    }
}
