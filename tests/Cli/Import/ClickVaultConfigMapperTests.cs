using ClickVault.Cluster.Cli.Import;
using ClickVault.Cluster.Shared.Configuration;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Import;

/// <summary>The mapper alone: ClickVault keys in, settings, secrets and the unmapped list out, one table row per key.</summary>
public sealed class ClickVaultConfigMapperTests
{
    private const string Secret = "secret-value-42";
    private static readonly ImportSettings Settings = new("prod", "agent-token-0123456789", "operator-token-0123456789");

    [Theory]
    [InlineData("clickhouse:url", "http://ch:8123", "agent", "clickhouse:url", "http://ch:8123")]
    [InlineData("clickhouse:user", "backup", "agent", "clickhouse:user", "backup")]
    [InlineData("clickhouse:database", "shop", "coordinator", "backup:databases:0", "shop")]
    [InlineData("clickhouse:database", "shop", "agent", "clickhouse:database", "shop")]
    [InlineData("s3:endpoint", "https://s3.example.com", "coordinator", "s3:endpoint", "https://s3.example.com")]
    [InlineData("s3:endpoint", "https://s3.example.com", "agent", "destination:s3_endpoint", "https://s3.example.com")]
    [InlineData("s3:clickhouse_endpoint", "http://minio:9000", "agent", "destination:s3_endpoint", "http://minio:9000")]
    [InlineData("s3:bucket", "backups", "coordinator", "s3:bucket", "backups")]
    [InlineData("s3:bucket", "backups", "agent", "destination:s3_bucket", "backups")]
    [InlineData("s3:prefix", "team/ch", "coordinator", "backup:prefix", "team/ch")]
    [InlineData("s3:region", "eu-central-1", "coordinator", "s3:region", "eu-central-1")]
    [InlineData("s3:path_style", "True", "coordinator", "s3:force_path_style", "true")]
    [InlineData("schedule:full_backup_interval_days", "3", "coordinator", "backup:full_backup_interval_days", "3")]
    [InlineData("backup:full_backup_interval_days", "3", "coordinator", "backup:full_backup_interval_days", "3")]
    [InlineData("backup:poll_interval_secs", "5", "coordinator", "backup:poll_interval", "00:00:05")]
    [InlineData("backup:poll_interval_secs", "90", "coordinator", "backup:poll_interval", "00:01:30")]
    [InlineData("retry:attempts", "5", "coordinator", "s3:max_attempts", "5")]
    [InlineData("retention:keep_full_backups", "4", "coordinator", "retention:keep_full_backups", "4")]
    [InlineData("retention:keep_days", "30", "coordinator", "retention:keep_days", "30")]
    [InlineData("retention:auto_cleanup", "True", "coordinator", "retention:auto_cleanup", "true")]
    public void Each_clickvault_key_maps_to_its_setting(string source, string value, string process, string key, string expected)
    {
        var plan = Map((source, value));

        var setting = Assert.Single(Config(plan, process).Settings, s => s.Key == key);
        Assert.Equal((expected, source), (setting.Value, setting.Source));
        Assert.Contains(plan.Mapped, m => m.Source == DottedKey.Of(source) && m.Targets.Contains($"{process}.yaml {DottedKey.Of(key)}"));
        Assert.Empty(plan.Unmapped);
    }

    [Theory]
    [InlineData("clickhouse:password", "agent", "CLICKVAULT_CLICKHOUSE_PASSWORD", "clickhouse:password")]
    [InlineData("s3:access_key", "coordinator", "CLICKVAULT_S3_ACCESS_KEY", "s3:access_key")]
    [InlineData("s3:access_key", "agent", "CLICKVAULT_S3_ACCESS_KEY", "destination:s3_access_key")]
    [InlineData("s3:secret_key", "coordinator", "CLICKVAULT_S3_SECRET_KEY", "s3:secret_key")]
    [InlineData("s3:secret_key", "agent", "CLICKVAULT_S3_SECRET_KEY", "destination:s3_secret_key")]
    [InlineData("notifications:providers:0:webhook_url", "coordinator", "CLICKVAULT_NOTIFICATIONS__TARGETS__0__URL", "notifications:targets:0:url")]
    public void Secrets_go_to_the_environment_file_under_the_products_variable_never_to_the_yaml(string source, string process, string variable, string key)
    {
        var plan = Map((source, Secret), ("notifications:providers:0:type", "slack"));

        var secret = Assert.Single(Config(plan, process).Secrets, s => s.Variable == variable);
        Assert.Equal((key, Secret, source), (secret.Key, secret.Value, secret.Source));
        Assert.DoesNotContain(plan.Coordinator.Settings.Concat(plan.Agent.Settings), s => s.Value.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Mapped.SelectMany(m => m.Targets.Append(m.Source)), t => t.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("backup:timeout_secs", "86400", "backup.timeout_secs", "no overall time limit for one backup")]
    [InlineData("retry:base_delay_ms", "200", "retry.base_delay_ms", "built in")]
    [InlineData("retry:max_delay_ms", "5000", "retry.max_delay_ms", "built in")]
    [InlineData("clickhouse:compression", "true", "clickhouse.compression", "unknown key")]
    [InlineData("logging:level", "debug", "logging.level", "unknown key")]
    [InlineData("schedule:full_backup_interval_days", "0", "schedule.full_backup_interval_days", "ClickVault refuses 0")]
    [InlineData("backup:poll_interval_secs", "soon", "backup.poll_interval_secs", "'soon' is not a whole number of seconds")]
    [InlineData("s3:path_style", "maybe", "s3.path_style", "'maybe' is not true or false")]
    [InlineData("notifications:providers:0:type", "email", "notifications.providers[0]", "type 'email' has no equivalent")]
    [InlineData("notifications:providers:0:type", "slack", "notifications.providers[0]", "a slack provider needs webhook_url")]
    [InlineData("notifications:on_success", "often", "notifications.on_success", "'often' is not true or false")]
    public void Keys_without_an_equivalent_are_listed_with_the_reason(string source, string value, string listed, string reason)
    {
        var plan = Map((source, value));

        var entry = Assert.Single(plan.Unmapped);
        Assert.Equal(listed, entry.Source);
        Assert.Contains(reason, entry.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Mapped, m => m.Source == listed);
    }

    [Fact]
    public void What_clickvault_has_no_setting_for_is_set_by_the_import_and_named_in_the_notes()
    {
        var plan = Map();

        Assert.Equal(
            [("coordinator:cluster", "prod"), ("coordinator:listen", "http://127.0.0.1:7480"), ("backup:destination", "s3"), ("s3:force_path_style", "false")],
            plan.Coordinator.Settings.Select(s => (s.Key, s.Value)));
        Assert.Equal(
            [("agent:coordinator_contacts", "127.0.0.1:4053"), ("agent:cluster", "prod")],
            plan.Agent.Settings.Select(s => (s.Key, s.Value)));
        Assert.Equal(
            [("CLICKVAULT_AGENT_TOKEN", Settings.AgentToken), ("CLICKVAULT_OPERATOR_TOKEN", Settings.OperatorToken)],
            plan.Coordinator.Secrets.Select(s => (s.Variable, s.Value)));
        Assert.Equal([("CLICKVAULT_AGENT_TOKEN", Settings.AgentToken)], plan.Agent.Secrets.Select(s => (s.Variable, s.Value)));
        Assert.All(plan.Coordinator.Settings.Concat(plan.Agent.Settings), s => Assert.Null(s.Source));
        Assert.Empty(plan.Mapped);
        Assert.Empty(plan.Unmapped);
        Assert.Contains(plan.Notes, n => n.Contains("CLICKVAULT_S3_ACCESS_KEY and CLICKVAULT_S3_SECRET_KEY", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("<macros><shard>", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.StartsWith("no schedule", StringComparison.Ordinal));
    }

    [Fact]
    public void The_full_backup_interval_keeps_unlimited_deep_chains_and_the_schedule_section_wins_over_backup()
    {
        var plan = Map(("backup:full_backup_interval_days", "5"), ("schedule:full_backup_interval_days", "7"));

        Assert.Equal("7", Value(plan.Coordinator, "backup:full_backup_interval_days"));
        Assert.Equal("0", Value(plan.Coordinator, "backup:max_chain_depth"));
        Assert.Contains(plan.Notes, n => n.Contains("backup.max_chain_depth 0 puts no limit", StringComparison.Ordinal));
        Assert.Equal("backup.full_backup_interval_days", Assert.Single(plan.Unmapped).Source);
    }

    [Fact]
    public void Slack_and_webhook_providers_become_targets_with_the_global_flags_and_their_secrets_in_the_environment()
    {
        var plan = Map(
            ("retry:attempts", "3"),
            ("notifications:on_success", "False"),
            ("notifications:providers:0:type", "slack"),
            ("notifications:providers:0:webhook_url", "https://hooks.slack.com/services/T/B/x"),
            ("notifications:providers:1:type", "webhook"),
            ("notifications:providers:1:url", "https://alerts.example.com/hook"),
            ("notifications:providers:1:method", "put"),
            ("notifications:providers:1:headers:Authorization", "Bearer token123"));

        Assert.Equal(
            [
                ("notifications:targets:0:name", "slack-1"), ("notifications:targets:0:type", "slack"),
                ("notifications:targets:0:on_success", "false"), ("notifications:targets:0:on_failure", "true"),
                ("notifications:targets:0:max_attempts", "3"),
                ("notifications:targets:1:name", "webhook-2"), ("notifications:targets:1:type", "webhook"),
                ("notifications:targets:1:on_success", "false"), ("notifications:targets:1:on_failure", "true"),
                ("notifications:targets:1:method", "PUT"), ("notifications:targets:1:max_attempts", "3"),
            ],
            plan.Coordinator.Settings.Where(s => s.Key.StartsWith("notifications:", StringComparison.Ordinal)).Select(s => (s.Key, s.Value)));
        Assert.Equal(
            [
                ("CLICKVAULT_NOTIFICATIONS__TARGETS__0__URL", "https://hooks.slack.com/services/T/B/x"),
                ("CLICKVAULT_NOTIFICATIONS__TARGETS__1__URL", "https://alerts.example.com/hook"),
                ("CLICKVAULT_NOTIFICATIONS__TARGETS__1__HEADERS__Authorization", "Bearer token123"),
            ],
            plan.Coordinator.Secrets.Where(s => s.Key.StartsWith("notifications:", StringComparison.Ordinal)).Select(s => (s.Variable, s.Value)));
        Assert.Null(Source(plan.Coordinator, "notifications:targets:1:on_failure"));
        Assert.Equal("notifications:on_success", Source(plan.Coordinator, "notifications:targets:1:on_success"));
        Assert.Empty(plan.Unmapped);
        Assert.Contains(plan.Notes, n => n.StartsWith("webhook targets receive ClickVault Cluster's run JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_that_cannot_be_mapped_is_listed_and_the_next_one_takes_its_place()
    {
        var plan = Map(
            ("notifications:providers:0:type", "discord"),
            ("notifications:providers:0:url", "https://discord.example/x"),
            ("notifications:providers:1:type", "webhook"),
            ("notifications:providers:1:url", "https://alerts.example.com/hook"),
            ("notifications:providers:1:method", "PATCH"),
            ("notifications:providers:2:type", "slack"),
            ("notifications:providers:2:webhook_url", "https://hooks.slack.com/x"),
            ("notifications:providers:2:colour", "red"));

        Assert.Equal(
            [
                ("notifications.providers[0]", "type 'discord' has no equivalent here (slack, webhook)"),
                ("notifications.providers[1].method", "'PATCH': webhooks here are sent with POST or PUT; the target uses POST"),
                ("notifications.providers[2].colour", "not a ClickVault setting (unknown key): nothing here reads it"),
            ],
            plan.Unmapped.Select(u => (u.Source, u.Reason)));
        Assert.Equal("webhook", Value(plan.Coordinator, "notifications:targets:0:type"));
        Assert.Equal("slack", Value(plan.Coordinator, "notifications:targets:1:type"));
        Assert.Null(Value(plan.Coordinator, "notifications:targets:0:method"));
    }

    [Fact]
    public void With_both_notification_flags_false_clickvault_notifies_nobody_and_no_target_is_written()
    {
        var plan = Map(
            ("notifications:on_success", "False"),
            ("notifications:on_failure", "False"),
            ("notifications:providers:0:type", "slack"),
            ("notifications:providers:0:webhook_url", "https://hooks.slack.com/x"));

        Assert.DoesNotContain(plan.Coordinator.Settings.Concat<object>(plan.Coordinator.Secrets), s => s.ToString()!.Contains("notifications:targets", StringComparison.Ordinal));
        Assert.Equal("notifications.providers", Assert.Single(plan.Unmapped).Source);
    }

    private static ImportPlan Map(params (string Key, string? Value)[] source) =>
        ClickVaultConfigMapper.Map(source.ToDictionary(kv => kv.Key, kv => kv.Value), Settings);

    private static GeneratedConfig Config(ImportPlan plan, string process) => process == "agent" ? plan.Agent : plan.Coordinator;

    private static string? Value(GeneratedConfig config, string key) => config.Settings.SingleOrDefault(s => s.Key == key)?.Value;

    private static string? Source(GeneratedConfig config, string key) => config.Settings.Single(s => s.Key == key).Source;
}
