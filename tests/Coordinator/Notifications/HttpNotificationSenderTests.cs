using ClickVault.Cluster.Coordinator.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>Retries, backoff and timeouts of the HTTP sender, on a manual clock driven by the test (nothing sleeps).</summary>
public sealed class HttpNotificationSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan LongTimeout = TimeSpan.FromHours(1);

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ObservedClock clock = new();
    private readonly CancellationTokenSource guard = new(TimeSpan.FromSeconds(30));
    private NotificationReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await NotificationReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        http.Dispose();
        guard.Dispose();
    }

    [Fact]
    public async Task Transient_failures_back_off_exponentially_with_jitter_on_the_injected_clock()
    {
        receiver.Script("/hook", Reply.Status500, Reply.Status500, Reply.Status500);
        var sender = Sender(new NotificationRetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) });

        var sending = sender.SendAsync(Request("/hook", maxAttempts: 4), guard.Token);
        var waits = new List<TimeSpan>();
        while (waits.Count < 3)
        {
            var due = await clock.NextTimerAsync(guard.Token);
            if (due == LongTimeout)
            {
                continue;
            }

            Assert.Equal(waits.Count + 1, receiver.Requests.Count);
            waits.Add(due);
            clock.Manual.Advance(due);
        }

        var result = await sending;
        Assert.Equal(new NotificationResult("t", true, 4, "HTTP 500 (InternalServerError): upstream exploded"), result);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(waits[2], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_429_waits_exactly_the_receivers_retry_after()
    {
        receiver.Script("/hook", Reply.TooManyRequests(TimeSpan.FromSeconds(7)));
        var sender = Sender(NotificationRetryPolicy.Default);

        var sending = sender.SendAsync(Request("/hook", maxAttempts: 4), guard.Token);
        var due = LongTimeout;
        while (due == LongTimeout)
        {
            due = await clock.NextTimerAsync(guard.Token);
        }

        Assert.Equal(TimeSpan.FromSeconds(7), due);
        clock.Manual.Advance(TimeSpan.FromSeconds(6));
        Assert.Single(receiver.Requests);
        clock.Manual.Advance(TimeSpan.FromSeconds(1));

        var result = await sending;
        Assert.Equal(new NotificationResult("t", true, 2, "HTTP 429 (TooManyRequests): slow down"), result);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_policy_allows_gives_up_at_once()
    {
        receiver.Script("/hook", Reply.TooManyRequests(TimeSpan.FromMinutes(10)));
        var sender = Sender(NotificationRetryPolicy.Default with { MaxRetryAfter = TimeSpan.FromMinutes(1) });

        var result = await sender.SendAsync(Request("/hook", maxAttempts: 4), guard.Token);

        Assert.False(result.Delivered);
        Assert.Equal(1, result.Attempts);
        Assert.Equal("HTTP 429 (TooManyRequests): slow down; the receiver asked to retry after 00:10:00, longer than the 00:01:00 ClickVault waits", result.LastError);
    }

    [Fact]
    public async Task Each_attempt_times_out_on_the_injected_clock_when_the_receiver_hangs()
    {
        receiver.Script("/hook", Reply.Hanging, Reply.Hanging);
        var sender = Sender(NotificationDispatcherTests.NoBackoff);

        var sending = sender.SendAsync(Request("/hook", maxAttempts: 2, timeout: TimeSpan.FromSeconds(5)), guard.Token);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(TimeSpan.FromSeconds(5), await clock.NextTimerAsync(guard.Token));
            await receiver.WaitForRequestsAsync(attempt, guard.Token);
            Assert.False(sending.IsCompleted);
            clock.Manual.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(new NotificationResult("t", false, 2, "no answer within 00:00:05"), await sending);
    }

    [Theory]
    [InlineData(404, 1)]
    [InlineData(410, 1)]
    [InlineData(401, 1)]
    [InlineData(408, 3)]
    [InlineData(502, 3)]
    [InlineData(503, 3)]
    public async Task Client_errors_are_final_and_timeouts_throttling_and_server_errors_are_retried(int status, int attempts)
    {
        receiver.Script("/hook", new Reply(status, "nope"), new Reply(status, "nope"), new Reply(status, "nope"));

        var result = await Sender(NotificationDispatcherTests.NoBackoff).SendAsync(Request("/hook", maxAttempts: 3), guard.Token);

        Assert.False(result.Delivered);
        Assert.Equal(attempts, result.Attempts);
        Assert.StartsWith($"HTTP {status} (", result.LastError, StringComparison.Ordinal);
        Assert.Equal(attempts, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_its_location_is_not_reported()
    {
        receiver.Script("/hook", new Reply(301, ""));

        var result = await Sender(NotificationDispatcherTests.NoBackoff).SendAsync(Request("/hook", maxAttempts: 3), guard.Token);

        Assert.Equal(new NotificationResult("t", false, 1, "HTTP 301 (MovedPermanently): redirects are not followed, configure the final URL"), result);
    }

    [Fact]
    public async Task The_receivers_answer_is_redacted_and_cut_in_the_error()
    {
        var url = receiver.Url(NotificationDispatcherTests.SlackPath);
        receiver.Script(NotificationDispatcherTests.SlackPath, new Reply(403, $"no access for {url} with password=abc123xyz " + new string('z', 500)));

        var result = await Sender(NotificationDispatcherTests.NoBackoff).SendAsync(Request(NotificationDispatcherTests.SlackPath, maxAttempts: 1), guard.Token);

        Assert.DoesNotContain(NotificationDispatcherTests.SlackToken, result.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123xyz", result.LastError, StringComparison.Ordinal);
        Assert.StartsWith("HTTP 403 (Forbidden): no access for [HIDDEN] with password=[HIDDEN] zzz", result.LastError, StringComparison.Ordinal);
        Assert.EndsWith("…", result.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_during_the_backoff_ends_the_send_undelivered_without_an_exception()
    {
        receiver.Script("/hook", Reply.Status500);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        var sender = Sender(NotificationRetryPolicy.Default);

        var sending = sender.SendAsync(Request("/hook", maxAttempts: 4), cancel.Token);
        while (await clock.NextTimerAsync(guard.Token) == LongTimeout)
        {
        }

        await cancel.CancelAsync();
        var result = await sending;

        Assert.Equal(new NotificationResult("t", false, 1, "HTTP 500 (InternalServerError): upstream exploded; cancelled before the next attempt"), result);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.999, 999)]
    [InlineData(3, 0.0, 2000)]
    [InlineData(10, 0.0, 15000)]
    public void Backoff_is_exponential_with_equal_jitter_and_capped(int retry, double jitter, int expectedMs)
    {
        var policy = new NotificationRetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(expectedMs, (int)policy.DelayBefore(retry, null, jitter)!.Value.TotalMilliseconds);
    }

    [Fact]
    public void Retry_after_wins_over_backoff_up_to_the_limit()
    {
        var policy = new NotificationRetryPolicy { MaxRetryAfter = TimeSpan.FromSeconds(60) };

        Assert.Equal(TimeSpan.FromSeconds(60), policy.DelayBefore(1, TimeSpan.FromSeconds(60), 0.5));
        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(1, TimeSpan.FromSeconds(-3), 0.5));
        Assert.Null(policy.DelayBefore(1, TimeSpan.FromSeconds(61), 0.5));
    }

    private HttpNotificationSender Sender(NotificationRetryPolicy policy) =>
        new(http, clock, policy, NullLogger<HttpNotificationSender>.Instance);

    private NotificationRequest Request(string path, int maxAttempts, TimeSpan? timeout = null) => new(
        "t",
        new Uri(receiver.Url(path)),
        HttpMethod.Post,
        new Dictionary<string, string>(),
        "{}"u8.ToArray(),
        timeout ?? LongTimeout,
        maxAttempts);
}
