using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

public sealed class AgentConfigurationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "clickvault-agent-config-" + Guid.NewGuid().ToString("N"));

    public AgentConfigurationTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Environment_overrides_the_file_and_flat_names_win_over_both()
    {
        var file = WriteConfig("""
            {
              "agent": { "coordinator_contacts": ["from-file:4053"], "token": "file-token", "poll_interval": "3s" },
              "clickhouse": { "url": "http://127.0.0.1:8123/", "user": "file-user", "password": "file-password" },
              "destination": { "disk": "file-disk" }
            }
            """);
        var environment = new Dictionary<string, string>
        {
            ["CLICKVAULT_AGENT__COORDINATOR_CONTACTS"] = "from-env:4053",
            ["CLICKVAULT_AGENT__TOKEN"] = "hierarchical-token",
            ["CLICKVAULT_AGENT_TOKEN"] = "flat-token",
            ["CLICKVAULT_CLICKHOUSE_USER"] = "flat-user",
            ["CLICKVAULT_CLICKHOUSE_PASSWORD"] = "flat-password",
            ["CLICKVAULT_S3_ACCESS_KEY"] = "flat-access",
            ["CLICKVAULT_S3_SECRET_KEY"] = "flat-secret",
            ["UNRELATED"] = "x",
        };

        var configuration = AgentConfiguration.Build(file, environment);

        Assert.Equal("from-env:4053", configuration["agent:coordinator_contacts"]);
        Assert.Equal("flat-token", configuration["agent:token"]);
        Assert.Equal("3s", configuration["agent:poll_interval"]);
        Assert.Equal("flat-user", configuration["clickhouse:user"]);
        Assert.Equal("flat-password", configuration["clickhouse:password"]);
        Assert.Equal("flat-access", configuration["destination:s3_access_key"]);
        Assert.Equal("flat-secret", configuration["destination:s3_secret_key"]);
        Assert.Equal("file-disk", configuration["destination:disk"]);
    }

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => AgentConfiguration.Build(Path.Combine(_directory, "missing.json"), new Dictionary<string, string>()));
        Assert.Contains("missing.json' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_an_error()
    {
        var file = WriteConfig("agent = { token = 1 }");
        var e = Assert.Throws<ConfigurationFileException>(() => AgentConfiguration.Build(file, new Dictionary<string, string>()));
        Assert.Contains("is not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], null, false)]
    [InlineData(new[] { "--config", "a.json" }, "a.json", false)]
    [InlineData(new[] { "--config=b.json" }, "b.json", false)]
    [InlineData(new[] { "--help" }, null, true)]
    public void The_command_line_takes_an_optional_config_file(string[] args, string? file, bool help)
    {
        Assert.Equal(new AgentCommandLine(file, help), AgentCommandLine.Parse(args));
    }

    [Theory]
    [InlineData(new[] { "--config" }, "--config needs a file name")]
    [InlineData(new[] { "--config=" }, "--config needs a file name")]
    [InlineData(new[] { "--verbose" }, "unknown argument '--verbose'")]
    public void Bad_arguments_are_named(string[] args, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => AgentCommandLine.Parse(args));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_the_start_naming_every_bad_key_of_every_section_without_secrets()
    {
        using var host = AgentHostBuilder.Build(new Dictionary<string, string?>
        {
            ["agent:coordinator_contacts"] = "coordinator-without-port",
            ["agent:token"] = "secret token",
            ["agent:poll_interval"] = "often",
            ["agent:heartbeat"] = "5s",
            ["clickhouse:url"] = "http://127.0.0.1:1/",
            ["clickhouse:password"] = "ch-password-42",
            ["destination:s3_secret_key"] = "s3-secret-42",
        });

        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var problems = Program.ConfigurationProblems(e);

        string[] expected =
        [
            "agent.coordinator_contacts[0] must be host:port with a port of 1-65535, got 'coordinator-without-port'",
            "agent.poll_interval is invalid: 'often' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "agent.heartbeat is not a known key (known: coordinator_contacts, remoting_host, remoting_port, tls_certificate, tls_password, tls_ca, token, heartbeat_interval, reconnect_min_delay, reconnect_max_delay, poll_interval, cluster)",
            "agent.token must not contain whitespace or control characters",
            "destination.s3_endpoint must be set when destination.s3_secret_key is set (S3 destinations need all four)",
            "destination.s3_bucket must be set when destination.s3_secret_key is set (S3 destinations need all four)",
            "destination.s3_access_key must be set when destination.s3_secret_key is set (S3 destinations need all four)",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Order(StringComparer.Ordinal));
        var everything = e.ToString();
        Assert.DoesNotContain("secret token", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("ch-password-42", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("s3-secret-42", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_validation_failures_of_several_sections_are_all_listed()
    {
        var problems = Program.ConfigurationProblems(new AggregateException(
            new OptionsValidationException("", typeof(AgentOptions), ["agent.token must be set"]),
            new OptionsValidationException("", typeof(DestinationOptions), ["destination.disk must not be empty"])));

        Assert.Equal(["agent.token must be set", "destination.disk must not be empty"], problems);
        Assert.Empty(Program.ConfigurationProblems(new InvalidOperationException("something else")));
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_directory, "agent.json");
        File.WriteAllText(path, json);
        return path;
    }
}
