using ClickVault.Cluster.Coordinator.Notifications;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

public sealed class NotificationOptionsTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T01234567/B01234567/AbCdEfGhIjKlMnOpQrStUvWx";

    private static IConfiguration Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"notifications:{v.Key}", v.Value)))
            .Build()
            .GetSection(NotificationOptions.Section);

    private static (NotificationOptions Options, IReadOnlyList<string> Failures) Validate(IConfiguration section)
    {
        var options = section.Get<NotificationOptions>() ?? new NotificationOptions();
        var result = new NotificationOptionsValidator(section).Validate(null, options);
        return (options, result.Failures?.ToList() ?? []);
    }

    [Fact]
    public void A_slack_and_a_webhook_target_bind_with_defaults_and_validate()
    {
        var (options, failures) = Validate(Section(
            ("targets:0:name", "ops"), ("targets:0:type", "slack"), ("targets:0:url", SlackUrl), ("targets:0:on_success", "true"),
            ("targets:1:name", "audit"), ("targets:1:type", "webhook"), ("targets:1:url", "http://audit.internal:8080/hook"),
            ("targets:1:method", "put"), ("targets:1:headers:X-Api-Key", "k3y-value-123"), ("targets:1:timeout", "00:00:03"),
            ("targets:1:max_attempts", "2")));

        Assert.Empty(failures);
        var slack = options.Targets[0];
        Assert.True(slack.OnSuccess);
        Assert.True(slack.OnFailure);
        Assert.Equal("POST", slack.Method);
        Assert.Equal(TimeSpan.FromSeconds(10), slack.Timeout);
        Assert.Equal(4, slack.MaxAttempts);
        var hook = options.Targets[1];
        Assert.False(hook.OnSuccess);
        Assert.Equal("k3y-value-123", hook.Headers["X-Api-Key"]);
        Assert.Equal(TimeSpan.FromSeconds(3), hook.Timeout);
        Assert.Equal(2, hook.MaxAttempts);
        Assert.Equal("put", hook.Method);
    }

    [Theory]
    [InlineData("succeeded", true, false, true)]
    [InlineData("succeeded", false, true, false)]
    [InlineData("partial", false, true, true)]
    [InlineData("failed", false, true, true)]
    [InlineData("partial", true, false, false)]
    public void A_target_wants_success_or_failure_as_configured(string outcome, bool onSuccess, bool onFailure, bool wanted) =>
        Assert.Equal(wanted, new NotificationTargetOptions { OnSuccess = onSuccess, OnFailure = onFailure }.Wants(outcome));

    [Fact]
    public void Every_bad_key_is_named_by_its_full_path()
    {
        var (_, failures) = Validate(Section(
            ("targets:0:name", "ok"), ("targets:0:type", "slack"), ("targets:0:url", SlackUrl),
            ("targets:1:name", "bad name!"), ("targets:1:type", "email"), ("targets:1:url", "ftp://files.example.com/x?token=ftpSecret123"),
            ("targets:1:method", "GET"), ("targets:1:timeout", "10"), ("targets:1:max_attempts", "0"),
            ("targets:2:name", "OK"), ("targets:2:type", "slack"), ("targets:2:url", "not a url"), ("targets:2:method", "PUT"),
            ("targets:2:headers:X-Api-Key", "slack-header-secret"), ("targets:2:on_failure", "false"),
            ("targets:3:name", "hook"), ("targets:3:type", "webhook"), ("targets:3:url", "https://h.example.com/"),
            ("targets:3:headers:Content-Type", "text/plain"), ("targets:3:headers:Bad Header", "v")));

        Assert.Equal(
            [
                "notifications.targets[1].name must be 1-64 of letters, digits, '.', '_', '-' (it names the target in logs and status)",
                "notifications.targets[1].type must be 'slack' or 'webhook', got 'email'",
                "notifications.targets[1].url must be an absolute http(s) URL",
                "notifications.targets[1].method must be POST or PUT, got 'GET'",
                "notifications.targets[1].timeout must be more than 0s and at most 5m, got 1w3d",
                "notifications.targets[1].max_attempts must be between 1 and 10, got 0",
                "notifications.targets[2].url must be an absolute http(s) URL",
                "notifications.targets[2].method is only for type 'webhook' (Slack incoming webhooks take POST)",
                "notifications.targets[2].headers is only for type 'webhook'",
                "notifications.targets[2]: on_success and on_failure are both false, so this target would never be notified",
                "notifications.targets[2].name 'OK' is used by an earlier target; names must be unique",
                "notifications.targets[3].headers.Bad Header is not a valid HTTP header name",
                "notifications.targets[3].headers.Content-Type is set by ClickVault and cannot be configured",
            ],
            failures);
        Assert.DoesNotContain(failures, f => f.Contains("ftpSecret123", StringComparison.Ordinal) || f.Contains("slack-header-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_no_setting_reads_are_rejected()
    {
        var (_, failures) = Validate(Section(
            ("targets:0:name", "ops"), ("targets:0:type", "slack"), ("targets:0:url", SlackUrl), ("targets:0:on_sucess", "true"),
            ("target", "x")));

        Assert.Equal(
            [
                "notifications.target is not a known setting (known: targets)",
                "notifications.targets[0].on_sucess is not a known setting (known: name, type, url, method, headers, on_success, on_failure, timeout, max_attempts)",
            ],
            failures);
    }

    [Fact]
    public void Keys_from_the_environment_match_in_any_case()
    {
        // CLICKVAULT_NOTIFICATIONS__TARGETS__0__URL over a file that names the target.
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("notifications:targets:0:name", (string?)"ops"), KeyValuePair.Create("notifications:targets:0:type", (string?)"slack")])
            .AddInMemoryCollection([KeyValuePair.Create("NOTIFICATIONS:TARGETS:0:URL", (string?)SlackUrl)])
            .Build()
            .GetSection(NotificationOptions.Section);

        var (options, failures) = Validate(section);

        Assert.Empty(failures);
        Assert.Equal(SlackUrl, Assert.Single(options.Targets).Url);
    }

    [Fact]
    public void No_targets_is_valid() =>
        Assert.Empty(Validate(Section()).Failures);

    [Fact]
    public void ToString_shows_the_host_and_header_names_but_never_the_url_or_header_values()
    {
        var target = new NotificationTargetOptions
        {
            Name = "ops",
            Type = "webhook",
            Url = "https://hooks.example.com/services/T01234567/B01234567/AbCdEfGhIjKlMnOpQrStUvWx",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "k3y-value-123" },
        };
        var request = NotificationRequest.For(target, new byte[] { 1, 2, 3 });

        foreach (var text in new[] { target.ToString(), new NotificationOptions { Targets = [target] }.ToString(), request.ToString() })
        {
            Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUvWx", text, StringComparison.Ordinal);
            Assert.DoesNotContain("/services", text, StringComparison.Ordinal);
            Assert.DoesNotContain("k3y-value-123", text, StringComparison.Ordinal);
        }

        Assert.Contains("Host = hooks.example.com", target.ToString(), StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", target.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host = hooks.example.com", request.ToString(), StringComparison.Ordinal);
    }
}
