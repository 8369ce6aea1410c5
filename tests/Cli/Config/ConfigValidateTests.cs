using System.Text.Json;
using ClickVault.Cluster.Cli.Config;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Testing.Configuration;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Config;

/// <summary><c>clickvault config validate</c> through the CLI's entry point, against the processes' own start-up checks.</summary>
public sealed class ConfigValidateTests : IDisposable
{
    private const string Token = "validate-test-token-0123456789";
    private const string SecretKey = "validate-secret-key-42";
    private readonly ScratchDirectory _files = new();

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["CLICKVAULT_AGENT_TOKEN"] = Token,
        ["CLICKVAULT_OPERATOR_TOKEN"] = Token,
        ["CLICKVAULT_S3_ACCESS_KEY"] = "validate-access",
        ["CLICKVAULT_S3_SECRET_KEY"] = SecretKey,
    };

    /// <summary>Five problems: listen, operator_token, poll_interval, destination, the backup cron.</summary>
    private static readonly string InvalidCoordinatorYaml = $"""
        coordinator:
          cluster: main
          listen: ftp://nowhere
          agent_token: {Token}
          operator_token: short
        backup:
          databases: [shop]
          poll_interval: 2
          destination: tape
        s3:
          bucket: backups
          access_key: validate-access
          secret_key: {SecretKey}
        schedule:
          backup: "61 * * * *"
          cleanup: "@daily"
          verify: "@weekly"
        """;

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("coordinator.example.yaml", "coordinator")]
    [InlineData("coordinator.example.json", "coordinator")]
    [InlineData("agent.example.yaml", "agent")]
    [InlineData("agent.example.json", "agent")]
    [InlineData("coordinator.example.toml", "coordinator")]
    [InlineData("agent.example.toml", "agent")]
    public async Task The_shipped_example_files_are_valid_with_the_secrets_from_the_environment(string example, string kind)
    {
        var path = Path.Combine(RepoPaths.Root(), "deploy", example);

        var result = await CliHarness.RunAsync(["config", "validate", path], Secrets);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal($"{path}: valid {kind} configuration", result.Out.Trim());
    }

    [Fact]
    public async Task An_invalid_file_exits_10_with_exactly_the_problems_the_coordinator_reports_at_start_up()
    {
        var file = _files.Write("coordinator.yaml", InvalidCoordinatorYaml);

        var cli = await CliHarness.RunAsync(["config", "validate", file, "--ignore-env"]);
        using var processError = new StringWriter();
        var processCode = await ClickVault.Cluster.Coordinator.Program.RunAsync(
            ["--config", file], new Dictionary<string, string>(), TextWriter.Null, processError, CancellationToken.None);

        Assert.Equal(ExitCodes.ConfigInvalid, cli.ExitCode);
        Assert.Equal(2, processCode);
        string[] expected =
        [
            "coordinator.listen must be an absolute http(s) URL such as http://0.0.0.0:7480",
            "coordinator.operator_token must be at least 16 characters (or set CLICKVAULT_OPERATOR_TOKEN)",
            "backup.poll_interval is invalid: '2' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "backup.destination must be 'disk' or 's3', got 'tape'",
            "schedule.backup: cron '61 * * * *': minute '61': value must be a number between 0 and 59",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Problems(cli.Out).Order(StringComparer.Ordinal));
        Assert.Equal(Problems(cli.Out), Problems(processError.ToString()));
        Assert.StartsWith($"{file}: invalid coordinator configuration, 5 problem(s):", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, cli.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, cli.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invalid_file_converted_to_toml_reports_exactly_the_problems_of_the_yaml_file()
    {
        var yaml = _files.Write("coordinator.yaml", InvalidCoordinatorYaml);
        var toml = _files.Write("coordinator.toml", $"""
            [coordinator]
            cluster = "main"
            listen = "ftp://nowhere"
            agent_token = "{Token}"
            operator_token = "short"

            [backup]
            databases = ["shop"]
            poll_interval = 2
            destination = "tape"

            [s3]
            bucket = "backups"
            access_key = "validate-access"
            secret_key = "{SecretKey}"

            [schedule]
            backup = "61 * * * *"
            cleanup = "@daily"
            verify = "@weekly"
            """);

        var fromYaml = await CliHarness.RunAsync(["config", "validate", yaml, "--ignore-env"]);
        var fromToml = await CliHarness.RunAsync(["config", "validate", toml, "--ignore-env"]);

        Assert.Equal(ExitCodes.ConfigInvalid, fromToml.ExitCode);
        Assert.Equal(5, Problems(fromYaml.Out).Count);
        Assert.Equal(Problems(fromYaml.Out), Problems(fromToml.Out));
        Assert.DoesNotContain(SecretKey, fromToml.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_one_report_document_without_secrets()
    {
        var file = _files.Write("agent.yaml", $"""
            agent:
              coordinator_contacts: [coordinator:4053]
              token: {Token}
              poll_interval: often
            clickhouse:
              url: http://127.0.0.1:8123/
              password: {SecretKey}
              timeout: soon
            destination:
              s3_secret_key: {SecretKey}
            """);

        var result = await CliHarness.RunAsync(["config", "validate", file, "--json"]);

        Assert.Equal(ExitCodes.ConfigInvalid, result.ExitCode);
        var report = JsonSerializer.Deserialize(result.Out, ConfigJson.Default.ConfigValidationReport)!;
        Assert.Equal((file, "agent", false), (report.File, report.Kind, report.Valid));
        Assert.Contains("agent.poll_interval is invalid: 'often' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss", report.Problems);
        Assert.Contains("clickhouse.timeout is invalid: 'soon' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss", report.Problems);
        Assert.Contains(report.Problems, p => p.StartsWith("destination.s3_endpoint must be set when destination.s3_secret_key is set", StringComparison.Ordinal));
        Assert.Equal("", result.Error);
        Assert.DoesNotContain(Token, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_overrides_apply_unless_ignored()
    {
        var file = _files.Write("coordinator.yaml", """
            coordinator: { cluster: main }
            backup: { databases: [shop] }
            s3: { bucket: backups }
            """);

        var withEnvironment = await CliHarness.RunAsync(["config", "validate", file], Secrets);
        var fileAlone = await CliHarness.RunAsync(["config", "validate", file, "--ignore-env"], Secrets);

        Assert.Equal(ExitCodes.Ok, withEnvironment.ExitCode);
        Assert.Equal(ExitCodes.ConfigInvalid, fileAlone.ExitCode);
        Assert.Contains("coordinator.agent_token must be at least 16 characters", fileAlone.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad.yaml", "coordinator:\n  cluster: main\n  listen: [x\n", "bad.yaml: line 4, column 1: While parsing a flow sequence")]
    [InlineData("dup.yaml", "coordinator:\n  cluster: main\ns3:\n  bucket: a\n  bucket: b\n", "dup.yaml: line 5, column 3: duplicate key 's3:bucket'")]
    [InlineData("mixed.yaml", "coordinator:\n  cluster: main\nclickhouse:\n  url: http://x/\n", "the file mixes coordinator sections (coordinator) and agent sections (clickhouse)")]
    [InlineData("empty.yaml", "# nothing yet\n", "cannot tell whether this is a coordinator or an agent config")]
    [InlineData("bad.json", "{ \"agent\": { \"token\": \"x\" }", "bad.json' is not valid JSON")]
    [InlineData("bad.toml", "[coordinator]\ncluster = \"main\"\nlisten = \n", "bad.toml: line 3, column 10: Unexpected token end-of-line found while expecting a value (key 'coordinator.listen')")]
    public async Task Unreadable_or_unrecognisable_files_are_invalid(string name, string content, string message)
    {
        var result = await CliHarness.RunAsync(["config", "validate", _files.Write(name, content)]);

        Assert.Equal(ExitCodes.ConfigInvalid, result.ExitCode);
        Assert.Contains(message, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kind_can_be_forced_and_then_foreign_sections_are_named()
    {
        var file = _files.Write("agent.yaml", "agent:\n  coordinator_contacts: [c:4053]\n");

        var result = await CliHarness.RunAsync(["config", "validate", file, "--kind", "coordinator"]);

        Assert.Equal(ExitCodes.ConfigInvalid, result.ExitCode);
        Assert.Contains("agent is not a known section (known: coordinator, backup, remoting, s3, notifications, schedule, run_once, retention, logging)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.yaml", "does not exist")]
    [InlineData("settings.ini", "unsupported extension '.ini'")]
    public async Task A_missing_file_or_an_unsupported_extension_is_a_usage_error(string name, string message)
    {
        var path = name == "missing.yaml" ? Path.Combine(_files.Root, name) : _files.Write(name, "x = 1");

        var result = await CliHarness.RunAsync(["config", "validate", path]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_documents_exit_code_10()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        Assert.Equal(10, ExitCodes.ConfigInvalid);
        Assert.Contains("10   config validate: the config file is invalid", result.Out, StringComparison.Ordinal);
        Assert.Contains("config", result.Out, StringComparison.Ordinal);
    }

    private static List<string> Problems(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..])];
}
