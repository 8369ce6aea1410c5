using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// Sends notifications over HTTP. Each attempt has the request's own timeout (on the injected clock); network errors,
/// timeouts, 408, 429 and 5xx are retried per <see cref="NotificationRetryPolicy"/> (Retry-After honoured) by a Polly pipeline, other
/// answers (4xx, redirects) are final. Give it an <see cref="HttpClient"/> whose own timeout is infinite, that does not
/// follow redirects and does not log request URLs (the URL is a secret).
/// Errors carry the status and a redacted snippet of the receiver's answer, never the URL or header values.
/// </summary>
public sealed partial class HttpNotificationSender(
    HttpClient http,
    TimeProvider timeProvider,
    NotificationRetryPolicy policy,
    ILogger<HttpNotificationSender> logger) : INotificationSender
{
    /// <summary>How much of a refusing receiver's answer is kept in the error.</summary>
    public const int MaxAnswerLength = 200;

    public async Task<NotificationResult> SendAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = new SecretRedactor(request.Secrets());
        var attempts = 0;
        string? lastError = null;
        string? gaveUp = null;
        // Polly wants at least one retry: a single attempt runs through the empty pipeline.
        var pipeline = request.MaxAttempts <= 1
            ? ResiliencePipeline<AttemptOutcome>.Empty
            : new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = timeProvider }.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = request.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(Retries(args.Outcome.Result, args.AttemptNumber + 1)),
                DelayGenerator = args => ValueTask.FromResult(
                    policy.DelayBefore(args.AttemptNumber + 1, args.Outcome.Result?.RetryAfter, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    LogRetrying(logger, request.TargetName, request.Url.Host, args.AttemptNumber + 1, request.MaxAttempts, args.RetryDelay, lastError);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            var outcome = await pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    var outcome = await AttemptAsync(request, redactor, ct).ConfigureAwait(false);
                    lastError = outcome.Delivered ? lastError : outcome.Error;
                    return outcome;
                },
                cancellationToken).ConfigureAwait(false);
            return new NotificationResult(request.TargetName, outcome.Delivered, attempts, gaveUp ?? lastError);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new NotificationResult(request.TargetName, false, attempts, $"{lastError}; cancelled before the next attempt");
        }

        bool Retries(AttemptOutcome? outcome, int attempt)
        {
            if (outcome is not { Delivered: false, Transient: true } || attempt >= request.MaxAttempts || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (outcome.RetryAfter > policy.MaxRetryAfter)
            {
                // Retried early the receiver would refuse again: give up and say why.
                gaveUp = $"{outcome.Error}; the receiver asked to retry after {outcome.RetryAfter:c}, longer than the {policy.MaxRetryAfter:c} ClickVault waits";
                return false;
            }

            return true;
        }
    }

    private async Task<AttemptOutcome> AttemptAsync(NotificationRequest request, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(request.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var message = new HttpRequestMessage(request.Method, request.Url)
        {
            Content = new ReadOnlyMemoryContent(request.Body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(NotificationPayloads.ContentType) { CharSet = "utf-8" };
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return AttemptOutcome.Ok;
            }

            var code = response.StatusCode;
            var answer = redactor.Redact(await ReadAnswerAsync(response, linked.Token).ConfigureAwait(false));
            var error = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)code} ({code})")
                        + ((int)code is >= 300 and < 400 ? ": redirects are not followed, configure the final URL" : "")
                        + (string.IsNullOrEmpty(answer) ? "" : $": {answer}");
            var transient = code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)code >= 500;
            return new AttemptOutcome(false, transient, transient ? RetryAfter(response) : null, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, false, null, "cancelled (the coordinator is stopping)");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new AttemptOutcome(false, true, null, string.Create(CultureInfo.InvariantCulture, $"no answer within {request.Timeout:c}"));
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(false, true, null, $"request failed ({e.HttpRequestError}): {redactor.Redact(e.Message)}");
        }
        catch (IOException e)
        {
            return new AttemptOutcome(false, true, null, $"connection failed: {redactor.Redact(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException)
        {
            return new AttemptOutcome(false, false, null, $"request could not be sent ({e.GetType().Name}): {redactor.Redact(e.Message)}");
        }
    }

    private static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxAnswerLength * 4];
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return DisplayFormat.Truncate(Encoding.UTF8.GetString(buffer, 0, read), MaxAnswerLength) ?? "";
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "notification to {Target} ({Host}) failed on attempt {Attempt}/{MaxAttempts}, retrying in {Delay}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string target, string host, int attempt, int maxAttempts, TimeSpan delay, string? error);

    private sealed record AttemptOutcome(bool Delivered, bool Transient, TimeSpan? RetryAfter, string? Error)
    {
        public static AttemptOutcome Ok { get; } = new(true, false, null, null);
    }
}
