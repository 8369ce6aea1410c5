using ClickVault.Cluster.Shared.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// Sends the one notification of a finished cluster run to every configured target that wants its outcome
/// (<c>on_success</c> for succeeded, <c>on_failure</c> for failed and partial), all targets at once. A notification
/// that cannot be delivered never fails the caller: it is logged, kept in <see cref="UndeliveredNotifications"/> for
/// the status API, and returned as undelivered.
/// </summary>
public sealed partial class NotificationDispatcher
{
    private readonly NotificationOptions options;
    private readonly INotificationSender sender;
    private readonly UndeliveredNotifications undelivered;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<NotificationDispatcher> logger;
    private readonly SecretRedactor redactor;

    /// <param name="otherSecrets">Further values that must never reach a payload (agent/operator tokens, S3 keys), replaced wherever they appear.</param>
    public NotificationDispatcher(
        IOptions<NotificationOptions> options,
        INotificationSender sender,
        UndeliveredNotifications undelivered,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger,
        IEnumerable<string?>? otherSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.sender = sender;
        this.undelivered = undelivered;
        this.timeProvider = timeProvider;
        this.logger = logger;
        redactor = new SecretRedactor(this.options.Targets.SelectMany(SecretRedactor.SecretsOf).Concat(otherSecrets ?? []));
    }

    /// <summary>Notifies every matching target about <paramref name="run"/>; one result per target notified, in configuration order.</summary>
    public async Task<IReadOnlyList<NotificationResult>> NotifyAsync(RunManifest run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var targets = options.Targets.Where(t => t.Wants(run.Outcome)).ToList();
        if (targets.Count == 0)
        {
            LogNoTarget(logger, run.RunId, run.Outcome);
            return [];
        }

        return await Task.WhenAll(targets.Select(t => DeliverAsync(t, run, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<NotificationResult> DeliverAsync(NotificationTargetOptions target, RunManifest run, CancellationToken cancellationToken)
    {
        NotificationResult result;
        try
        {
            var body = NotificationPayloads.For(target.Type, run, redactor);
            result = await sender.SendAsync(NotificationRequest.For(target, body), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = new NotificationResult(target.Name, false, 0, "cancelled before it was sent (the coordinator is stopping)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing sender or payload must not fail the run; the error text is redacted like any other.
            result = new NotificationResult(target.Name, false, 0, $"could not be sent ({e.GetType().Name}): {redactor.Redact(e.Message)}");
        }

        if (result.Delivered)
        {
            LogDelivered(logger, run.RunId, target.Name, target.Host, result.Attempts);
        }
        else
        {
            LogUndelivered(logger, run.RunId, target.Name, target.Host, result.Attempts, result.LastError);
            undelivered.Add(new UndeliveredNotification(run.RunId, run.Cluster, run.Outcome, timeProvider.GetUtcNow(), result));
        }

        return result;
    }

    [LoggerMessage(EventId = 3061, Level = LogLevel.Debug, Message = "run {RunId} ended {Outcome}: no notification target wants that outcome")]
    private static partial void LogNoTarget(ILogger logger, string runId, string outcome);

    [LoggerMessage(EventId = 3062, Level = LogLevel.Information, Message = "notification of run {RunId} delivered to {Target} ({Host}) after {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, string runId, string target, string host, int attempts);

    [LoggerMessage(EventId = 3063, Level = LogLevel.Error, Message = "notification of run {RunId} to {Target} ({Host}) NOT delivered after {Attempts} attempt(s): {Error}")]
    private static partial void LogUndelivered(ILogger logger, string runId, string target, string host, int attempts, string? error);
}
