using System.Text;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>Where the one notification of each cluster run goes (config section <c>notifications</c>).</summary>
public sealed record NotificationOptions
{
    public const string Section = "notifications";

    [ConfigurationKeyName("targets")]
    public IReadOnlyList<NotificationTargetOptions> Targets { get; init; } = [];
}

/// <summary>
/// One receiver of run notifications (<c>notifications:targets:N</c>). The URL and the header values are secrets
/// (a Slack incoming-webhook URL carries its token in the path): <see cref="object.ToString"/> shows the URL's host
/// and the header names only.
/// </summary>
public sealed record NotificationTargetOptions
{
    public const string SlackType = "slack";
    public const string WebhookType = "webhook";

    /// <summary>The setting names of a target, as written in configuration.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["name", "type", "url", "method", "headers", "on_success", "on_failure", "timeout", "max_attempts"];

    /// <summary>Names the target in logs, results and the status API (never the URL).</summary>
    [ConfigurationKeyName("name")]
    public string Name { get; init; } = "";

    /// <summary><c>slack</c> (an incoming webhook: Slack's message JSON) or <c>webhook</c> (ClickVault's run JSON).</summary>
    [ConfigurationKeyName("type")]
    public string Type { get; init; } = "";

    /// <summary>Absolute http(s) URL. Secret.</summary>
    [ConfigurationKeyName("url")]
    public string Url { get; init; } = "";

    /// <summary><c>POST</c> (default) or <c>PUT</c>; webhooks only.</summary>
    [ConfigurationKeyName("method")]
    public string Method { get; init => field = value ?? ""; } = "POST";

    /// <summary>Extra request headers (webhooks only), e.g. an API key. Values are secret.</summary>
    [ConfigurationKeyName("headers")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Notify when every shard of the run succeeded.</summary>
    [ConfigurationKeyName("on_success")]
    public bool OnSuccess { get; init; }

    /// <summary>Notify when the run failed or was partial (some shards failed).</summary>
    [ConfigurationKeyName("on_failure")]
    public bool OnFailure { get; init; } = true;

    /// <summary>How long one attempt may take, connection and response included.</summary>
    [ConfigurationKeyName("timeout")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts in all (first try included) before the notification counts as undelivered.</summary>
    [ConfigurationKeyName("max_attempts")]
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The URL's host, the only part of the URL that may be shown.</summary>
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : "(invalid url)";

    /// <summary>Whether a run with this outcome (<c>succeeded</c>, <c>partial</c>, <c>failed</c>) goes to this target.</summary>
    public bool Wants(string outcome) => outcome == "succeeded" ? OnSuccess : OnFailure;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Type = {Type}, Host = {Host}, Url = [HIDDEN], Method = {Method}, ")
            .Append($"Headers = [{string.Join(", ", Headers.Keys)}: HIDDEN], OnSuccess = {OnSuccess}, OnFailure = {OnFailure}, ")
            .Append($"Timeout = {Timeout}, MaxAttempts = {MaxAttempts}");
        return true;
    }
}
