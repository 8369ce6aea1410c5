using ClickVault.Cluster.Shared.Retries;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Time;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class RetryingObjectStoreTests : IDisposable
{
    private static readonly RetryPolicy Policy = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };
    private readonly TimerTrackingTimeProvider time = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Transient_failures_are_retried_with_growing_backoff_until_success()
    {
        var flaky = new FlakyObjectStore(Unavailable(), new HttpRequestException("connection reset"), new TimeoutException());
        await flaky.Inner.PutAsync("k", "v"u8.ToArray(), null, timeout.Token);
        var store = new RetryingObjectStore(flaky, Policy, time);

        var get = store.GetAsync("k", timeout.Token);

        await AdvanceThroughBackoffAsync(flaky, callsSoFar: 1, ceiling: TimeSpan.FromSeconds(1));
        await AdvanceThroughBackoffAsync(flaky, callsSoFar: 2, ceiling: TimeSpan.FromSeconds(2));
        await AdvanceThroughBackoffAsync(flaky, callsSoFar: 3, ceiling: TimeSpan.FromSeconds(3));
        Assert.Equal("v"u8.ToArray(), (await get).Data.ToArray());
        Assert.Equal(4, flaky.Calls);
    }

    [Fact]
    public async Task Non_transient_failures_are_not_retried()
    {
        Exception[] failures =
        [
            new ObjectNotFoundException("b", "k"),
            new ObjectAccessDeniedException("denied", "b", "k"),
            new ObjectStoreException("bad request", "b", "k", isTransient: false),
            new InvalidOperationException("bug"),
        ];
        foreach (var failure in failures)
        {
            var flaky = new FlakyObjectStore(failure);
            var store = new RetryingObjectStore(flaky, Policy, time);

            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => store.HeadAsync("k", timeout.Token));

            Assert.Same(failure, thrown);
            Assert.Equal(1, flaky.Calls);
            Assert.Equal(0, time.ActiveTimerCount);
        }
    }

    [Fact]
    public async Task After_the_last_attempt_the_last_failure_is_thrown()
    {
        var last = Unavailable();
        var flaky = new FlakyObjectStore(Unavailable(), Unavailable(), last, Unavailable());
        var store = new RetryingObjectStore(flaky, Policy with { MaxAttempts = 3 }, time);

        var list = store.ListPageAsync(new ListRequest("p/"), timeout.Token);
        for (var retry = 0; retry < 2; retry++)
        {
            // Exactly to the pending backoff: advancing further could also fire the next retry's timer within the same
            // Advance when the continuation runs inline, leaving nothing to wait for on the next turn.
            await time.WaitForActiveTimersAsync(1, timeout.Token);
            time.Advance(time.NextTimerDueAt!.Value - time.GetUtcNow());
        }

        Assert.Same(last, await Assert.ThrowsAsync<ObjectStoreException>(() => list));
        Assert.Equal(3, flaky.Calls);
    }

    [Fact]
    public async Task Cancellation_during_backoff_ends_the_call_without_another_attempt()
    {
        var flaky = new FlakyObjectStore(Unavailable());
        var store = new RetryingObjectStore(flaky, Policy, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);

        var get = store.GetAsync("k", cancel.Token);
        await time.WaitForActiveTimersAsync(1, timeout.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);
        time.Advance(Policy.MaxDelay);
        Assert.Equal(1, flaky.Calls);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public async Task A_failure_after_cancellation_is_not_retried()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var flaky = new FlakyObjectStore(new HttpRequestException("aborted")) { OnCall = cancel.Cancel };
        var store = new RetryingObjectStore(flaky, Policy, time);

        await Assert.ThrowsAsync<HttpRequestException>(() => store.HeadAsync("k", cancel.Token));

        Assert.Equal(1, flaky.Calls);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public async Task A_retried_stream_put_sends_the_stream_again_from_where_it_started()
    {
        var flaky = new FlakyObjectStore(Unavailable());
        var store = new RetryingObjectStore(flaky, Policy, time);
        using var content = new MemoryStream("xxpayload"u8.ToArray()) { Position = 2 };

        var put = store.PutAsync("k", content, null, timeout.Token);
        await time.WaitForActiveTimersAsync(1, timeout.Token);
        time.Advance(Policy.MaxDelay);
        await put;

        Assert.Equal("payload"u8.ToArray(), (await flaky.Inner.GetAsync("k", timeout.Token)).Data.ToArray());
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.999, 999)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 0.999, 2998)]
    [InlineData(10, 0.0, 1500)]
    public void Backoff_doubles_per_retry_with_jitter_between_half_and_all_of_it_up_to_the_cap(int retry, double jitter, int expectedMs)
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };

        Assert.Equal(expectedMs, (int)policy.DelayBefore(retry, jitter).TotalMilliseconds);
    }

    public void Dispose() => timeout.Dispose();

    private static ObjectStoreException Unavailable() => new("503 SlowDown", "b", "k", isTransient: true);

    /// <summary>Checks the pending backoff lies within [ceiling/2, ceiling] and lets exactly that much time pass.</summary>
    private async Task AdvanceThroughBackoffAsync(FlakyObjectStore flaky, int callsSoFar, TimeSpan ceiling)
    {
        await time.WaitForActiveTimersAsync(1, timeout.Token);
        Assert.Equal(callsSoFar, flaky.Calls);
        var backoff = time.NextTimerDueAt!.Value - time.GetUtcNow();
        Assert.InRange(backoff, ceiling / 2, ceiling);

        time.Advance(backoff - TimeSpan.FromTicks(1));
        Assert.Equal(callsSoFar, flaky.Calls);
        Assert.Equal(1, time.ActiveTimerCount);
        time.Advance(TimeSpan.FromTicks(1));
    }
}
