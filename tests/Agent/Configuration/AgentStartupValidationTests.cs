using ClickVault.Cluster.Testing.Configuration;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

/// <summary>
/// The agent's entry point (<see cref="Program.RunAsync"/>, in-process) on invalid configuration: exit 2, every wrong
/// key named at once, no secret printed, and neither ClickHouse nor the coordinator contacted (both point at
/// sentinel ports that count connections).
/// </summary>
public sealed class AgentStartupValidationTests : IAsyncLifetime
{
    private const string Token = "agent-startup-token-0123456789";
    private const string Password = "ch-password-42";
    private readonly ScratchDirectory _files = new();
    private ConnectionSentinel _clickHouse = null!;
    private ConnectionSentinel _coordinator = null!;

    public static TheoryData<string, string, string, string, string[]> Cases => new()
    {
        {
            "missing required keys", "agent.yaml", "*", "agent:\n  cluster: main\nclickhouse:\n  user: default\n",
            [
                "agent.coordinator_contacts must list at least one coordinator node as host:port",
                "agent.token must be set (or the environment variable CLICKVAULT_AGENT_TOKEN)",
                "clickhouse.url must be an absolute http(s) URL such as http://127.0.0.1:8123/",
            ]
        },
        {
            "bad values and durations", "agent.yaml", "  timeout: 00:00:02\ndestination:\n",
            "  timeout: soon\ndestination:\n  s3_bucket: a/b\n",
            [
                "clickhouse.timeout is invalid: 'soon' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
                "destination.s3_bucket must be a bucket name without '/', spaces or control characters",
                "destination.s3_endpoint must be set when destination.s3_bucket is set (S3 destinations need all four)",
            ]
        },
        {
            "agent durations", "agent.yaml", "  token: " + Token + "\n",
            "  token: " + Token + "\n  poll_interval: often\n  reconnect_min_delay: 10s\n  reconnect_max_delay: 1s\n",
            [
                "agent.poll_interval is invalid: 'often' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
                "agent.reconnect_max_delay (00:00:01) must not be less than agent.reconnect_min_delay (00:00:10)",
            ]
        },
        {
            "unknown keys and sections", "agent.yaml", "  user: default\n", "  user: default\n  passwd: x\nagents:\n  token: y\n",
            [
                "clickhouse.passwd is not a known key (known: url, user, password, database, timeout)",
                "agents is not a known section (known: agent, destination, config_backup, clickhouse, logging)",
            ]
        },
        {
            "malformed YAML", "agent.yaml", "  user: default\n", "  user: 'default\n",
            ["agent.yaml: line 6, column 9: While scanning a quoted scalar, found unexpected end of stream."]
        },
        {
            "duplicate YAML key", "agent.yaml", "  user: default\n", "  user: default\n  USER: other\n",
            ["agent.yaml: line 7, column 3: duplicate key 'clickhouse:USER'"]
        },
        {
            "malformed JSON", "agent.json", "*", "{ \"agent\": { \"token\": 1 ",
            ["agent.json' is not valid JSON:"]
        },
    };

    public Task InitializeAsync()
    {
        _clickHouse = new ConnectionSentinel();
        _coordinator = new ConnectionSentinel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clickHouse.DisposeAsync();
        await _coordinator.DisposeAsync();
        _files.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invalid_configuration_exits_2_naming_every_key_without_contacting_anything(
        string label, string fileName, string find, string replace, string[] expected)
    {
        var text = find == "*" ? replace : ValidYaml.Replace(find, replace, StringComparison.Ordinal);
        Assert.True(find == "*" || text != ValidYaml, $"case '{label}' did not change the valid file");

        var (code, error) = await RunAsync(["--config", _files.Write(fileName, Resolve(text))]);

        Assert.Equal(2, code);
        foreach (var message in expected)
        {
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
        AssertNothingContactedAndNoSecret(error);
    }

    [Fact]
    public async Task Flat_environment_secrets_win_over_the_file_and_environment_values_are_checked()
    {
        var file = _files.Write("agent.yaml", Resolve(ValidYaml.Replace($"  token: {Token}\n", "  token: ''\n", StringComparison.Ordinal)));

        var (code, error) = await RunAsync(["--config", file], new Dictionary<string, string>
        {
            ["CLICKVAULT_AGENT_TOKEN"] = Token,
            ["CLICKVAULT_CLICKHOUSE_PASSWORD"] = "env-password-77",
            ["CLICKVAULT_CLICKHOUSE__TIMEOUT"] = "0",
            ["CLICKVAULT_S3_SECRET_KEY"] = "env-s3-secret-77",
        });

        Assert.Equal(2, code);
        Assert.DoesNotContain("agent.token", error, StringComparison.Ordinal);
        Assert.Contains("clickhouse.timeout is invalid: '0' is not a duration", error, StringComparison.Ordinal);
        Assert.Contains("destination.s3_endpoint must be set when destination.s3_secret_key is set", error, StringComparison.Ordinal);
        Assert.DoesNotContain("env-password-77", error, StringComparison.Ordinal);
        Assert.DoesNotContain("env-s3-secret-77", error, StringComparison.Ordinal);
        AssertNothingContactedAndNoSecret(error);
    }

    /// <summary>The positive control: the valid file starts the agent, which then does contact its ClickHouse.</summary>
    [Fact]
    public async Task The_valid_file_starts_the_agent_which_then_contacts_clickhouse()
    {
        using var stop = new CancellationTokenSource();
        using var error = new StringWriter();

        var running = Program.RunAsync(["--config", _files.Write("agent.yaml", Resolve(ValidYaml))], new Dictionary<string, string>(), TextWriter.Null, error, stop.Token);
        await _clickHouse.WaitForConnectionAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Equal("", error.ToString());
    }

    private const string ValidYaml = $$"""
        agent:
          coordinator_contacts: [{COORDINATOR}]
          token: {{Token}}
        clickhouse:
          url: {CLICKHOUSE}
          user: default
          password: {{Password}}
          timeout: 00:00:02
        destination:
          disk: backups

        """;

    private string Resolve(string yaml) => yaml
        .Replace("{COORDINATOR}", $"127.0.0.1:{_coordinator.Port}", StringComparison.Ordinal)
        .Replace("{CLICKHOUSE}", _clickHouse.Url.ToString(), StringComparison.Ordinal);

    private static async Task<(int Code, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, environment ?? new Dictionary<string, string>(), TextWriter.Null, error, CancellationToken.None);
        return (code, error.ToString());
    }

    private void AssertNothingContactedAndNoSecret(string error)
    {
        Assert.Equal(0, _clickHouse.Connections);
        Assert.Equal(0, _coordinator.Connections);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }
}
