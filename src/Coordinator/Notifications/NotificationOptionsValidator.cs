using System.Collections.Frozen;
using System.Globalization;
using ClickVault.Cluster.Shared.Durations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>
/// Names every wrong key of the <c>notifications</c> section by its full path
/// (<c>notifications.targets[1].url must be an absolute http(s) URL</c>). Never repeats a URL or a header value.
/// Given the raw section, it also rejects keys no setting reads (a misspelt <c>on_sucess</c> would otherwise be ignored).
/// </summary>
public sealed class NotificationOptionsValidator(IConfiguration? section = null) : IValidateOptions<NotificationOptions>
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);
    public const int MaxAttemptsLimit = 10;

    /// <summary>Headers the sender sets itself.</summary>
    private static readonly FrozenSet<string> ReservedHeaders = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection");

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        UnknownKeys(failures);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Targets.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{NotificationOptions.Section}.targets[{i}]");
            var target = options.Targets[i];
            if (target is null)
            {
                failures.Add($"{path} is empty");
                continue;
            }

            Target(target, path, failures);
            if (IsName(target.Name) && !names.Add(target.Name))
            {
                failures.Add($"{path}.name '{target.Name}' is used by an earlier target; names must be unique");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Target(NotificationTargetOptions t, string path, List<string> failures)
    {
        if (!IsName(t.Name))
        {
            failures.Add($"{path}.name must be 1-64 of letters, digits, '.', '_', '-' (it names the target in logs and status)");
        }

        var isWebhook = t.Type == NotificationTargetOptions.WebhookType;
        if (t.Type is not (NotificationTargetOptions.SlackType or NotificationTargetOptions.WebhookType))
        {
            failures.Add($"{path}.type must be 'slack' or 'webhook', got '{t.Type}'");
        }

        if (!Uri.TryCreate(t.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            failures.Add($"{path}.url must be an absolute http(s) URL");
        }

        if (t.Method.ToUpperInvariant() is not ("POST" or "PUT"))
        {
            failures.Add($"{path}.method must be POST or PUT, got '{t.Method}'");
        }
        else if (!isWebhook && t.Method.ToUpperInvariant() != "POST")
        {
            failures.Add($"{path}.method is only for type 'webhook' (Slack incoming webhooks take POST)");
        }

        if (!isWebhook && t.Headers.Count > 0)
        {
            failures.Add($"{path}.headers is only for type 'webhook'");
        }

        foreach (var (header, value) in t.Headers)
        {
            if (!IsHeaderName(header))
            {
                failures.Add($"{path}.headers.{header} is not a valid HTTP header name");
            }
            else if (ReservedHeaders.Contains(header))
            {
                failures.Add($"{path}.headers.{header} is set by ClickVault and cannot be configured");
            }

            if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                failures.Add($"{path}.headers.{header} must be a single-line value");
            }
        }

        if (!t.OnSuccess && !t.OnFailure)
        {
            failures.Add($"{path}: on_success and on_failure are both false, so this target would never be notified");
        }

        if (t.Timeout <= TimeSpan.Zero || t.Timeout > MaxTimeout)
        {
            failures.Add($"{path}.timeout must be more than 0s and at most {DurationText.Format(MaxTimeout)}, got {DurationText.Format(t.Timeout)}");
        }

        if (t.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            failures.Add($"{path}.max_attempts must be between 1 and {MaxAttemptsLimit}, got {t.MaxAttempts}");
        }
    }

    private void UnknownKeys(List<string> failures)
    {
        if (section is null)
        {
            return;
        }

        // Any case: CLICKVAULT_NOTIFICATIONS__TARGETS__0__URL names the section TARGETS.
        foreach (var child in section.GetChildren().Where(c => !c.Key.Equals("targets", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"{NotificationOptions.Section}.{child.Key} is not a known setting (known: targets)");
        }

        foreach (var target in section.GetSection("targets").GetChildren())
        {
            foreach (var key in target.GetChildren().Select(c => c.Key))
            {
                if (!NotificationTargetOptions.Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{NotificationOptions.Section}.targets[{target.Key}].{key} is not a known setting (known: {string.Join(", ", NotificationTargetOptions.Keys)})");
                }
            }
        }
    }

    private static bool IsName(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsHeaderName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
