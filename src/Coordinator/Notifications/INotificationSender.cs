using System.Globalization;
using System.Text;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>Delivers one notification body to one receiver.</summary>
public interface INotificationSender
{
    /// <summary>
    /// Sends <paramref name="request"/>, retrying transient failures up to <see cref="NotificationRequest.MaxAttempts"/>.
    /// Never throws because the receiver is unreachable, slow or refuses: the result says so. A cancelled
    /// <paramref name="cancellationToken"/> stops at once and returns an undelivered result as well.
    /// </summary>
    Task<NotificationResult> SendAsync(NotificationRequest request, CancellationToken cancellationToken);
}

/// <summary>One notification for one target. <see cref="Url"/> and the header values are secret and left out of <see cref="object.ToString"/>.</summary>
public sealed record NotificationRequest(
    string TargetName,
    Uri Url,
    HttpMethod Method,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    TimeSpan Timeout,
    int MaxAttempts)
{
    /// <exception cref="UriFormatException">The target's URL is not absolute (the options validator rejects that at start-up).</exception>
    public static NotificationRequest For(NotificationTargetOptions target, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new NotificationRequest(
            target.Name,
            new Uri(target.Url, UriKind.Absolute),
            new HttpMethod(target.Method.ToUpperInvariant()),
            target.Headers,
            body,
            target.Timeout,
            target.MaxAttempts);
    }

    /// <summary>The parts of this request that must never be shown.</summary>
    public IEnumerable<string> Secrets() =>
        SecretRedactor.SecretsOf(new NotificationTargetOptions { Url = Url.OriginalString, Headers = Headers });

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"TargetName = {TargetName}, Host = {Url.Host}, Url = [HIDDEN], Method = {Method}, ")
            .Append(CultureInfo.InvariantCulture, $"Headers = [{string.Join(", ", Headers.Keys)}: HIDDEN], Body = {Body.Length} bytes, ")
            .Append(CultureInfo.InvariantCulture, $"Timeout = {Timeout}, MaxAttempts = {MaxAttempts}");
        return true;
    }
}

/// <summary>
/// How sending a run's notification to one target ended. <see cref="LastError"/> is the last failure seen (also when a
/// retry then delivered), with secrets removed; null when the first attempt delivered.
/// </summary>
public sealed record NotificationResult(string Target, bool Delivered, int Attempts, string? LastError);
