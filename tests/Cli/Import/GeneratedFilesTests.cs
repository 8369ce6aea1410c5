using ClickVault.Cluster.Cli.Import;
using ClickVault.Cluster.Shared.Configuration;
using ClickVault.Cluster.Testing.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Import;

public sealed class GeneratedFilesTests : IDisposable
{
    private readonly ScratchDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void The_yaml_reads_back_as_exactly_the_settings_and_names_each_secret_in_a_comment()
    {
        GeneratedSetting[] settings =
        [
            new("backup:prefix", "team/ch-1", "s3:prefix"),
            new("backup:databases:0", "shop", "clickhouse:database"),
            new("backup:databases:1", "it's \"quoted\" # not a comment: really", null),
            new("backup:empty", "", null),
            new("backup:word", "null", null),
            new("backup:flag", "true", null),
            new("backup:duration", "00:00:05", null),
            new("backup:unicode", "Zürich\ttab", null),
            new("notifications:targets:0:name", "slack-1", null),
            new("notifications:targets:0:type", "slack", "notifications:providers:0:type"),
            new("notifications:targets:1:name", "webhook-2", null),
        ];
        GeneratedSecret[] secrets =
        [
            new("CLICKVAULT_NOTIFICATIONS__TARGETS__1__URL", "notifications:targets:1:url", "https://x", null),
            new("CLICKVAULT_NOTIFICATIONS__TARGETS__1__HEADERS__X-Key", "notifications:targets:1:headers:X-Key", "k", null),
        ];

        var yaml = GeneratedFiles.Yaml(new GeneratedConfig(settings, secrets), ["header line"], "coordinator.env");
        var root = new ConfigurationBuilder().AddYamlFile(files.Write("c.yaml", yaml)).Build();

        Assert.StartsWith("# header line\n", yaml, StringComparison.Ordinal);
        Assert.Contains("prefix: team/ch-1  # from s3.prefix", yaml, StringComparison.Ordinal);
        Assert.Contains("# url: CLICKVAULT_NOTIFICATIONS__TARGETS__1__URL in coordinator.env", yaml, StringComparison.Ordinal);
        foreach (var setting in settings.Where(s => s.Key != "backup:flag"))
        {
            Assert.Equal(setting.Value, root[setting.Key]);
        }

        Assert.Equal("True", root["backup:flag"]);
        Assert.DoesNotContain("https://x", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_file_quotes_only_what_sh_would_split_or_expand()
    {
        GeneratedSecret[] secrets =
        [
            new("CLICKVAULT_AGENT_TOKEN", "agent:token", "0123abcdef", null),
            new("CLICKVAULT_S3_SECRET_KEY", "destination:s3_secret_key", "a/b+c=d", "s3:secret_key"),
            new("CLICKVAULT_X", "x", "Bearer it's $HOME", "x"),
        ];

        var text = GeneratedFiles.Environment(new GeneratedConfig([], secrets), ["keep private"]);

        Assert.Equal(
            [
                "# keep private", "", "# agent.token, generated", "CLICKVAULT_AGENT_TOKEN=0123abcdef",
                "", "# destination.s3_secret_key, from s3.secret_key", "CLICKVAULT_S3_SECRET_KEY=a/b+c=d",
                "", "# x, from x", "CLICKVAULT_X='Bearer it'\\''s $HOME'",
            ],
            text.TrimEnd('\n').Split('\n'));
    }
}
