using System.Globalization;
using ClickVault.Cluster.Coordinator.Notifications;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>
/// ClickVault's <c>[[notifications.providers]]</c> (slack: <c>webhook_url</c>; webhook: <c>url</c>, <c>method</c>,
/// <c>headers</c>) and its global <c>on_success</c>/<c>on_failure</c> (both default true) as coordinator
/// <c>notifications.targets</c>, each with both flags. URLs and header values are secrets: coordinator.env only.
/// </summary>
internal static class ClickVaultNotifications
{
    private const string Providers = "notifications:providers";

    public static void Map(ImportBuilder b)
    {
        var onSuccess = Outcome(b, "notifications:on_success");
        var onFailure = Outcome(b, "notifications:on_failure");
        b.Take(Providers);
        var providers = b.Indices(Providers);
        if (providers.Count > 0 && onSuccess.Value == "false" && onFailure.Value == "false")
        {
            b.TakeAll(Providers);
            b.Unmapped(Providers, "notifications.on_success and on_failure are both false: ClickVault sends nothing, so no target is written");
            return;
        }

        var attempts = b.Take("retry:attempts") is { } text ? ClickVaultConfigMapper.PositiveNumber.Apply(text.Trim()) : null;
        var targets = 0;
        foreach (var i in providers)
        {
            var provider = string.Create(CultureInfo.InvariantCulture, $"{Providers}:{i}");
            var target = string.Create(CultureInfo.InvariantCulture, $"{NotificationOptions.Section}:targets:{targets}");
            if (Target(b, provider, (target, targets + 1), onSuccess, onFailure))
            {
                if (attempts is not null && int.Parse(attempts, CultureInfo.InvariantCulture) <= NotificationOptionsValidator.MaxAttemptsLimit)
                {
                    b.Coordinator($"{target}:max_attempts", attempts, "retry:attempts");
                }

                targets++;
            }
        }

        if (attempts is not null && int.Parse(attempts, CultureInfo.InvariantCulture) > NotificationOptionsValidator.MaxAttemptsLimit && targets > 0)
        {
            b.Note($"retry.attempts is above the notification targets' limit ({NotificationOptionsValidator.MaxAttemptsLimit}): they keep their default max_attempts");
        }
    }

    /// <summary>Writes one target; false (the provider reported as not mapped) when its type or URL is missing or unknown.</summary>
    /// <param name="at">The target's configuration path, and its number in the name (<c>slack-1</c>).</param>
    private static bool Target(ImportBuilder b, string provider, (string Path, int Number) at, (string Value, string? From) onSuccess, (string Value, string? From) onFailure)
    {
        var target = at.Path;
        var type = b.Take($"{provider}:type")?.Trim().ToLowerInvariant();
        var urlKey = type switch
        {
            NotificationTargetOptions.SlackType => $"{provider}:webhook_url",
            NotificationTargetOptions.WebhookType => $"{provider}:url",
            _ => null,
        };
        if (urlKey is null || b.Take(urlKey) is not { Length: > 0 } url)
        {
            b.TakeAll(provider);
            b.Unmapped(provider, urlKey is null
                ? $"type '{type}' has no equivalent here (slack, webhook)"
                : $"a {type} provider needs {urlKey[(provider.Length + 1)..]}");
            return false;
        }

        b.Coordinator($"{target}:name", string.Create(CultureInfo.InvariantCulture, $"{type}-{at.Number}"), null);
        b.Coordinator($"{target}:type", type!, $"{provider}:type");
        b.CoordinatorSecret($"{target}:url", url, urlKey);
        b.Coordinator($"{target}:on_success", onSuccess.Value, onSuccess.From);
        b.Coordinator($"{target}:on_failure", onFailure.Value, onFailure.From);
        if (type == NotificationTargetOptions.WebhookType)
        {
            Webhook(b, provider, target);
        }

        return true;
    }

    private static void Webhook(ImportBuilder b, string provider, string target)
    {
        if (b.Take($"{provider}:method") is { } method)
        {
            if (method.Trim().ToUpperInvariant() is "POST" or "PUT")
            {
                b.Coordinator($"{target}:method", method.Trim().ToUpperInvariant(), $"{provider}:method");
            }
            else
            {
                b.Unmapped($"{provider}:method", $"'{method}': webhooks here are sent with POST or PUT; the target uses POST");
            }
        }

        foreach (var key in b.Under($"{provider}:headers"))
        {
            var name = key[(provider.Length + ":headers:".Length)..];
            if (b.Take(key) is { } value)
            {
                b.CoordinatorSecret($"{target}:headers:{name}", value, key);
            }

            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                b.Note($"the header {name} makes a variable name a POSIX shell cannot set (docker --env-file and Kubernetes can); " +
                    "or move that header into coordinator.yaml");
            }
        }

        b.Note("webhook targets receive ClickVault Cluster's run JSON, one notification per cluster run, not ClickVault's payload");
    }

    /// <summary>ClickVault's global flag as this target's value ("true" when absent, as ClickVault defaults it) and its source key.</summary>
    private static (string Value, string? From) Outcome(ImportBuilder b, string key)
    {
        if (b.Take(key) is not { } text)
        {
            return ("true", null);
        }

        if (ClickVaultConfigMapper.Flag.Apply(text.Trim()) is { } flag)
        {
            return (flag, key);
        }

        b.Unmapped(key, $"'{text}' is not true or false; ClickVault's default true is used");
        return ("true", null);
    }
}
