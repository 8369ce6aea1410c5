using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Testing.Configuration;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Configuration;

/// <summary>
/// The coordinator's entry point (<see cref="Program.RunAsync"/>, in-process) on invalid configuration: exit 2, every
/// wrong key named in one report, no secret printed, and nothing touched: S3 points at a sentinel port that counts
/// connections, and the listen port is held by the test, so an attempt to serve would fail the run instead of exiting 2.
/// </summary>
public sealed class CoordinatorStartupValidationTests : IAsyncLifetime
{
    private const string Token = "startup-test-token-0123456789";
    private const string AccessKey = "startup-access-key";
    private const string SecretKey = "startup-secret-key-42";
    private readonly ScratchDirectory _files = new();
    private ConnectionSentinel _s3 = null!;
    private ConnectionSentinel _listen = null!;

    public static TheoryData<string, string, string, string, string[]> Cases => new()
    {
        {
            "missing required keys", "coordinator.yaml", "*",
            "coordinator:\n  listen: {LISTEN}\ns3:\n  endpoint: {S3}\n",
            [
                "coordinator.cluster must be the ClickHouse cluster name",
                "coordinator.agent_token must be at least 16 characters (or set CLICKVAULT_AGENT_TOKEN)",
                "coordinator.operator_token must be at least 16 characters (or set CLICKVAULT_OPERATOR_TOKEN)",
                "backup.databases must list at least one database",
                "s3.bucket must not be empty",
            ]
        },
        {
            "bad values", "coordinator.yaml", "  cluster: main\n",
            "  cluster: bad cluster!\n  agent_timeout: 00:00:01\nnotifications:\n  targets:\n    - name: ops\n      type: pager\n      url: not-a-url\n",
            [
                "coordinator.cluster must be the ClickHouse cluster name",
                "coordinator.agent_timeout must be greater than coordinator.heartbeat_interval",
                "notifications.targets[0].type must be 'slack' or 'webhook', got 'pager'",
                "notifications.targets[0].url must be an absolute http(s) URL",
            ]
        },
        {
            "unknown enum value and bad bucket", "coordinator.yaml", "  prefix: startup\n",
            "  prefix: startup\n  destination: tape\n  replica_priority: ['']\n  replica_policy: sideways\n",
            [
                "backup.destination must be 'disk' or 's3', got 'tape'",
                "backup.replica_priority must list replica names",
                "backup.replica_policy must be one of affinity, spread (got 'sideways')",
            ]
        },
        {
            "unreachable timeout and failover", "coordinator.yaml", "  prefix: startup\n",
            "  prefix: startup\n  clickhouse_unreachable_timeout: 00:00:00\n  failover: neighbour\n",
            [
                "backup.clickhouse_unreachable_timeout must be more than 0s",
                "backup.failover must be one of none, sibling (got 'neighbour')",
            ]
        },
        {
            "bad cron and time zone", "coordinator.yaml", "s3:\n",
            "schedule:\n  time_zone: Mars/Olympus\n  backup: \"0 25 * * *\"\ns3:\n",
            [
                "schedule.backup: cron '0 25 * * *': hour '25': value must be a number between 0 and 23",
                "schedule.time_zone: 'Mars/Olympus' is not a known time zone",
            ]
        },
        {
            "bad durations and numbers", "coordinator.yaml", "  prefix: startup\n",
            "  prefix: startup\n  poll_interval: soon\n  max_chain_depth: many\nrun_once:\n  agent_timeout: 5\n",
            [
                "backup.poll_interval is invalid: 'soon' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
                "backup.max_chain_depth must be a whole number (got 'many')",
                "run_once.agent_timeout is invalid",
            ]
        },
        {
            "unknown keys and sections", "coordinator.yaml", "  prefix: startup\n",
            "  prefix: startup\n  poll_intervall: 00:00:02\nschedules:\n  backup: \"@daily\"\n",
            [
                "backup.poll_intervall is not a known key (known: databases, prefix,",
                "schedules is not a known section (known: coordinator, backup, remoting, s3, notifications, schedule, run_once, retention, logging)",
            ]
        },
        {
            "bad remoting", "coordinator.yaml", "s3:\n",
            "remoting:\n  host: 'not a host'\n  port: 70000\n  seed_nodes: [coordinator-0:4053, 'coordinator-1']\ns3:\n",
            [
                "remoting.host must be a host name or IP address to bind, such as 0.0.0.0 (got 'not a host')",
                "remoting.port must be 0 (any free port) to 65535, got 70000",
                "remoting.seed_nodes[1] must be host:port with a port of 1-65535, got 'coordinator-1'",
            ]
        },
        {
            "remoting seeds on any port", "coordinator.yaml", "s3:\n",
            "remoting:\n  port: 0\n  seed_nodes: ['10.0.0.1:4053']\ns3:\n",
            ["remoting.port must be fixed (not 0) when remoting.seed_nodes lists the tier's nodes"]
        },
        {
            "malformed YAML", "coordinator.yaml", "  databases: [shop]\n", "  databases: [shop\n",
            ["coordinator.yaml: line 8, column 3: malformed YAML: unexpected end of a collection or scalar (an unclosed '[', '{' or quote?)"]
        },
        {
            "duplicate YAML key", "coordinator.yaml", "  prefix: startup\n", "  prefix: startup\n  Prefix: again\n",
            ["coordinator.yaml: line 9, column 3: duplicate key 'backup:Prefix'"]
        },
        {
            "malformed JSON", "coordinator.json", "*", "{ \"coordinator\": { \"cluster\": \"main\", }\n",
            ["coordinator.json' is not valid JSON:", "LineNumber: 1"]
        },
        {
            "duplicate JSON key", "coordinator.json", "*", "{ \"coordinator\": { \"cluster\": \"main\", \"cluster\": \"other\" } }",
            ["A duplicate key 'coordinator:cluster' was found"]
        },
    };

    public Task InitializeAsync()
    {
        _s3 = new ConnectionSentinel();
        _listen = new ConnectionSentinel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _s3.DisposeAsync();
        await _listen.DisposeAsync();
        _files.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invalid_configuration_exits_2_naming_every_key_without_touching_anything(
        string label, string fileName, string find, string replace, string[] expected)
    {
        var text = find == "*" ? replace : ValidYaml().Replace(find, replace, StringComparison.Ordinal);
        Assert.True(find == "*" || text != ValidYaml(), $"case '{label}' did not change the valid file");
        var file = _files.Write(fileName, text.Replace("{LISTEN}", ListenUrl, StringComparison.Ordinal).Replace("{S3}", _s3.Url.ToString(), StringComparison.Ordinal));

        var (code, error) = await RunAsync(["--config", file]);

        Assert.Equal(2, code);
        foreach (var message in expected)
        {
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
        AssertNothingTouchedAndNoSecret(error);
    }

    [Fact]
    public async Task Environment_overrides_are_checked_and_the_flat_secrets_win_over_the_file()
    {
        var file = _files.Write("coordinator.yaml", ValidYaml()
            .Replace($"  agent_token: {Token}\n", "  agent_token: short\n", StringComparison.Ordinal)
            .Replace($"  operator_token: {Token}\n", "", StringComparison.Ordinal));

        var (code, error) = await RunAsync(["--config", file], new Dictionary<string, string>
        {
            ["CLICKVAULT_AGENT_TOKEN"] = Token,
            ["CLICKVAULT_OPERATOR_TOKEN"] = Token,
            ["CLICKVAULT_BACKUP__POLL_INTERVAL"] = "every now and then",
            ["CLICKVAULT_COORDINATOR__HEARTBEAT_INTERVAL"] = "-00:00:01",
        });

        Assert.Equal(2, code);
        Assert.Contains("backup.poll_interval is invalid: 'every now and then' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss", error, StringComparison.Ordinal);
        Assert.Contains("coordinator.heartbeat_interval is invalid: '-00:00:01' is not a duration", error, StringComparison.Ordinal);
        Assert.DoesNotContain("agent_token", error, StringComparison.Ordinal);
        Assert.DoesNotContain("operator_token", error, StringComparison.Ordinal);
        AssertNothingTouchedAndNoSecret(error);
    }

    [Theory]
    [InlineData(new[] { "--config" }, "--config needs a value")]
    [InlineData(new[] { "--verbose" }, "unknown argument '--verbose'")]
    [InlineData(new[] { "--full" }, "--full and --shard need --run-once")]
    [InlineData(new[] { "--config", "missing.yaml" }, "config file 'missing.yaml' does not exist")]
    public async Task Bad_arguments_exit_2_naming_the_argument(string[] args, string message)
    {
        var (code, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(0, _s3.Connections);
    }

    [Fact]
    public async Task Help_lists_the_run_once_exit_codes()
    {
        using var output = new StringWriter();
        var code = await Program.RunAsync(["--help"], new Dictionary<string, string>(), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("--run-once", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("3    --run-once: no agent connected within run_once.agent_timeout", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The positive control: the same file, valid, does start: it serves on its port and reads S3 (the sentinel sees it).</summary>
    [Fact]
    public async Task The_valid_file_starts_the_coordinator_which_then_contacts_S3_and_listens()
    {
        var port = ProcessControl.FreeLoopbackPorts(1)[0];
        var file = _files.Write("coordinator.yaml", ValidYaml()
            .Replace("{LISTEN}", $"http://127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("{S3}", _s3.Url.ToString(), StringComparison.Ordinal));
        using var stop = new CancellationTokenSource();
        using var error = new StringWriter();

        // Any free remoting port: the default (4053) may be taken on a build machine.
        var running = Program.RunAsync(["--config", file], new Dictionary<string, string> { ["CLICKVAULT_REMOTING__PORT"] = "0" }, TextWriter.Null, error, stop.Token);
        await _s3.WaitForConnectionAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        // S3 is read as the actors start, which may be before Kestrel has bound its port.
        using var answer = await StatusOnceListeningAsync(http, port, running);
        await stop.CancelAsync();

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal(0, await running);
        Assert.Equal("", error.ToString());
    }

    private static async Task<HttpResponseMessage> StatusOnceListeningAsync(HttpClient http, int port, Task<int> running)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/status"), deadline.Token);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && !running.IsCompleted)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }
    }

    private string ListenUrl => $"http://127.0.0.1:{_listen.Port}";

    private static string ValidYaml() => $$"""
        coordinator:
          cluster: main
          listen: {LISTEN}
          agent_token: {{Token}}
          operator_token: {{Token}}
        backup:
          databases: [shop]
          prefix: startup
        s3:
          endpoint: {S3}
          bucket: clickvault-test
          access_key: {{AccessKey}}
          secret_key: {{SecretKey}}
          request_timeout: 2s
          max_attempts: 1

        """;

    private async Task<(int Code, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, environment ?? new Dictionary<string, string>(), TextWriter.Null, error, CancellationToken.None);
        return (code, error.ToString());
    }

    private void AssertNothingTouchedAndNoSecret(string error)
    {
        Assert.Equal(0, _s3.Connections);
        Assert.Equal(0, _listen.Connections);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, error, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error, StringComparison.Ordinal);
    }
}
