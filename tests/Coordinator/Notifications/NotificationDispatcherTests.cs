using System.Net;
using System.Net.Sockets;
using ClickVault.Cluster.Coordinator.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>The dispatcher and the HTTP sender against a real local receiver, without backoff waits.</summary>
public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    internal const string SlackToken = "AbCdEfGhIjKlMnOpQrStUvWx";
    internal const string SlackPath = "/services/T01234567/B01234567/" + SlackToken;
    internal const string HeaderSecret = "k3y-value-123456";

    internal static readonly NotificationRetryPolicy NoBackoff = new() { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly UndeliveredNotifications undelivered = new(10);
    private NotificationReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await NotificationReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        http.Dispose();
    }

    [Fact]
    public async Task A_succeeded_run_goes_only_to_targets_that_want_success()
    {
        var dispatcher = Dispatcher(
            Slack("everything", "/slack/all", onSuccess: true),
            Slack("failures-only", "/slack/failures"),
            Webhook("audit", "/hook/audit", onSuccess: true, onFailure: false));

        var results = await dispatcher.NotifyAsync(SampleRuns.Succeeded(), CancellationToken.None);

        Assert.Equal([new NotificationResult("everything", true, 1, null), new NotificationResult("audit", true, 1, null)], results);
        Assert.Single(receiver.RequestsTo("/slack/all"));
        Assert.Single(receiver.RequestsTo("/hook/audit"));
        Assert.Empty(receiver.RequestsTo("/slack/failures"));
        Assert.Empty(undelivered.Recent());
    }

    [Fact]
    public async Task A_partial_run_sends_one_request_with_the_shard_table_to_each_failure_target()
    {
        var dispatcher = Dispatcher(
            Slack("everything", "/slack/all", onSuccess: true),
            Slack("failures-only", "/slack/failures"),
            Webhook("audit", "/hook/audit", onSuccess: true, onFailure: false));

        var results = await dispatcher.NotifyAsync(SampleRuns.Partial(), CancellationToken.None);

        Assert.Equal(["everything", "failures-only"], results.Select(r => r.Target));
        Assert.All(results, r => Assert.True(r.Delivered));
        Assert.Empty(receiver.RequestsTo("/hook/audit"));
        foreach (var path in new[] { "/slack/all", "/slack/failures" })
        {
            var request = Assert.Single(receiver.RequestsTo(path));
            Assert.Equal("POST", request.Method);
            Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
            var table = System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("blocks")[2].GetProperty("text").GetProperty("text").GetString()!;
            Assert.Contains("1      ch-1a    full", table, StringComparison.Ordinal);
            Assert.Contains("2      ch-2b    incremental  20261121T020000Z  failed", table, StringComparison.Ordinal);
            Assert.Contains("NOT_ENOUGH_SPACE", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_transient_500s_then_200_is_delivered_on_the_third_attempt()
    {
        receiver.Script("/slack/flaky", Reply.Status500, Reply.Status500);
        var dispatcher = Dispatcher(Slack("flaky", "/slack/flaky"));

        var result = Assert.Single(await dispatcher.NotifyAsync(SampleRuns.Failed(), CancellationToken.None));

        Assert.True(result.Delivered);
        Assert.Equal(3, result.Attempts);
        Assert.Equal("HTTP 500 (InternalServerError): upstream exploded", result.LastError);
        Assert.Equal(3, receiver.RequestsTo("/slack/flaky").Count);
        Assert.Empty(undelivered.Recent());
    }

    [Fact]
    public async Task A_400_is_not_retried_and_is_kept_as_undelivered()
    {
        receiver.Script("/slack/gone", new Reply(400, "invalid_payload"));
        var dispatcher = Dispatcher(Slack("gone", "/slack/gone"));

        var result = Assert.Single(await dispatcher.NotifyAsync(SampleRuns.Failed(), CancellationToken.None));

        Assert.Equal(new NotificationResult("gone", false, 1, "HTTP 400 (BadRequest): invalid_payload"), result);
        Assert.Single(receiver.RequestsTo("/slack/gone"));
        var kept = Assert.Single(undelivered.Recent());
        Assert.Equal(SampleRuns.RunId, kept.RunId);
        Assert.Equal("prod", kept.Cluster);
        Assert.Equal("failed", kept.Outcome);
        Assert.Equal(result, kept.Result);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_undelivered_after_max_attempts_without_an_exception()
    {
        var target = Slack("nobody", "/x") with { Url = $"http://127.0.0.1:{ClosedPort()}{SlackPath}", MaxAttempts = 3 };
        var dispatcher = Dispatcher(target);

        var result = Assert.Single(await dispatcher.NotifyAsync(SampleRuns.Partial(), CancellationToken.None));

        Assert.False(result.Delivered);
        Assert.Equal(3, result.Attempts);
        Assert.StartsWith("request failed (ConnectionError)", result.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackToken, result.LastError, StringComparison.Ordinal);
        Assert.Equal("nobody", Assert.Single(undelivered.Recent()).Result.Target);
    }

    [Fact]
    public async Task A_webhook_gets_its_method_and_headers_and_the_run_json()
    {
        var target = Webhook("audit", "/hook/audit") with
        {
            Method = "PUT",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = HeaderSecret, ["X-Team"] = "storage-team" },
        };

        var result = Assert.Single(await Dispatcher(target).NotifyAsync(SampleRuns.Failed(), CancellationToken.None));

        Assert.True(result.Delivered);
        var request = Assert.Single(receiver.RequestsTo("/hook/audit"));
        Assert.Equal("PUT", request.Method);
        Assert.Equal(HeaderSecret, request.Headers["X-Api-Key"]);
        Assert.Equal("storage-team", request.Headers["X-Team"]);
        var json = System.Text.Json.JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("clickvault.run.finished", json.GetProperty("event").GetString());
        Assert.Equal("Code: 210. Connection refused", json.GetProperty("shards")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task No_payload_carries_the_url_token_a_header_value_or_a_secret_from_a_shard_error()
    {
        var slack = Slack("ops", SlackPath, onSuccess: true);
        var hook = Webhook("audit", "/hook/audit") with { Headers = new Dictionary<string, string> { ["X-Api-Key"] = HeaderSecret } };
        var error = $"BACKUP TO S3('http://s3.local/b/', 'AKIAIOSFODNN7EXAMPLE', 'PlantedS3Secret/xyz') failed; password=hunter2hunter2; " +
                    $"agent echoed {slack.Url} and {HeaderSecret}";

        var results = await Dispatcher(slack, hook).NotifyAsync(SampleRuns.Partial(error), CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Delivered));
        Assert.Equal(2, receiver.Requests.Count);
        foreach (var body in receiver.Requests.Select(r => r.Body))
        {
            Assert.DoesNotContain(SlackToken, body, StringComparison.Ordinal);
            Assert.DoesNotContain("/services/T01234567", body, StringComparison.Ordinal);
            Assert.DoesNotContain(HeaderSecret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", body, StringComparison.Ordinal);
            Assert.DoesNotContain("PlantedS3Secret", body, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2hunter2", body, StringComparison.Ordinal);
            Assert.Contains("[HIDDEN]", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_per_attempt_and_ends_undelivered()
    {
        receiver.Script("/hook/slow", Reply.Hanging, Reply.Hanging);
        var target = Webhook("slow", "/hook/slow") with { Timeout = TimeSpan.FromMilliseconds(150), MaxAttempts = 2 };

        var result = Assert.Single(await Dispatcher(target).NotifyAsync(SampleRuns.Failed(), CancellationToken.None));

        Assert.Equal(new NotificationResult("slow", false, 2, "no answer within 00:00:00.1500000"), result);
        Assert.Equal(2, receiver.RequestsTo("/hook/slow").Count);
    }

    [Fact]
    public async Task A_sender_that_throws_or_a_cancelled_run_never_fails_the_caller()
    {
        var options = Options.Create(new NotificationOptions { Targets = [Slack("ops", "/slack/ops")] });
        var dispatcher = new NotificationDispatcher(options, new ThrowingSender(), undelivered, TimeProvider.System, NullLogger<NotificationDispatcher>.Instance);

        var broken = Assert.Single(await dispatcher.NotifyAsync(SampleRuns.Failed(), CancellationToken.None));
        var cancelled = Assert.Single(await Dispatcher(Slack("ops", "/slack/ops")).NotifyAsync(SampleRuns.Failed(), new CancellationToken(canceled: true)));

        Assert.Equal(new NotificationResult("ops", false, 0, "could not be sent (InvalidOperationException): sender broke, token=[HIDDEN]"), broken);
        Assert.False(cancelled.Delivered);
        Assert.Contains("cancelled", cancelled.LastError, StringComparison.Ordinal);
        Assert.Equal(2, undelivered.Recent().Count);
    }

    [Fact]
    public async Task A_run_no_target_wants_sends_nothing()
    {
        var results = await Dispatcher(Slack("failures-only", "/slack/failures")).NotifyAsync(SampleRuns.Succeeded(), CancellationToken.None);

        Assert.Empty(results);
        Assert.Empty(receiver.Requests);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private NotificationDispatcher Dispatcher(params NotificationTargetOptions[] targets) => new(
        Options.Create(new NotificationOptions { Targets = targets }),
        new HttpNotificationSender(http, TimeProvider.System, NoBackoff, NullLogger<HttpNotificationSender>.Instance),
        undelivered,
        TimeProvider.System,
        NullLogger<NotificationDispatcher>.Instance);

    private NotificationTargetOptions Slack(string name, string path, bool onSuccess = false) =>
        new() { Name = name, Type = "slack", Url = receiver.Url(path), OnSuccess = onSuccess };

    private NotificationTargetOptions Webhook(string name, string path, bool onSuccess = false, bool onFailure = true) =>
        new() { Name = name, Type = "webhook", Url = receiver.Url(path), OnSuccess = onSuccess, OnFailure = onFailure };

    private sealed class ThrowingSender : INotificationSender
    {
        public Task<NotificationResult> SendAsync(NotificationRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("sender broke, token=abc123def");
    }
}
