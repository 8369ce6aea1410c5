using System.Text.Json;
using ClickVault.Cluster.Cli.Config;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Import;
using ClickVault.Cluster.Testing.Configuration;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Import;

/// <summary><c>clickvault config import</c> through the CLI's entry point, on a ClickVault config.toml with every documented key.</summary>
public sealed class ConfigImportTests : IDisposable
{
    private static readonly string[] SecretValues =
        ["ch-password-1234", "AKIAEXAMPLEKEY", "s3-secret-key-5678", "T000/B000/slacksecret", "hooksecret", "Bearer token123"];

    // ClickVault's config.example.toml (v0.1.0) with every key set, plus one key ClickVault does not know.
    private const string Complete = """
        [clickhouse]
        url = "http://localhost:8123"
        user = "backup"
        password = "ch-password-1234"
        database = "mydb"
        compression = true

        [s3]
        endpoint = "https://s3.amazonaws.com"
        clickhouse_endpoint = "http://minio:9000"
        bucket = "my-backup-bucket"
        prefix = "clickhouse-backups"
        region = "eu-central-1"
        access_key = "AKIAEXAMPLEKEY"
        secret_key = "s3-secret-key-5678"
        path_style = true

        [backup]
        poll_interval_secs = 5
        timeout_secs = 86400

        [retry]
        attempts = 3
        base_delay_ms = 200
        max_delay_ms = 5000

        [schedule]
        full_backup_interval_days = 7

        [retention]
        keep_full_backups = 4
        keep_days = 30
        auto_cleanup = false

        [notifications]
        on_success = true
        on_failure = true

        [[notifications.providers]]
        type = "slack"
        webhook_url = "https://hooks.slack.com/services/T000/B000/slacksecret"

        [[notifications.providers]]
        type = "webhook"
        url = "https://monitoring.example.com/api/alerts?key=hooksecret"
        method = "POST"
        headers = { Authorization = "Bearer token123" }
        """;

    private readonly ScratchDirectory files = new();

    public void Dispose() => files.Dispose();

    private string Out => Path.Combine(files.Root, "out");

    [Fact]
    public async Task A_complete_clickvault_file_gives_two_configs_that_pass_config_validate_and_lists_what_did_not_map()
    {
        var result = await CliHarness.RunAsync(["config", "import", files.Write("config.toml", Complete), "--out-dir", Out]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(
            [
                "  backup.timeout_secs: no overall time limit for one backup here; backup.clickhouse_unreachable_timeout (default 00:00:30) only bounds a ClickHouse that stops answering",
                "  retry.base_delay_ms: the backoff between attempts is built in",
                "  retry.max_delay_ms: the backoff between attempts is built in",
                "  clickhouse.compression: not a ClickVault setting (unknown key): nothing here reads it",
            ],
            Section(result.Out, "not mapped (4):"));
        Assert.Equal(26, Section(result.Out, "mapped (26 ClickVault key(s) -> ClickVault Cluster):").Count);
        Assert.Contains("  s3.secret_key -> coordinator.env CLICKVAULT_S3_SECRET_KEY, agent.env CLICKVAULT_S3_SECRET_KEY", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  {Path.Combine(Out, "agent.env")} (mode 600)", result.Out, StringComparison.Ordinal);
        AssertNoSecret(result.All + Read("coordinator.yaml") + Read("agent.yaml"));

        foreach (var (yaml, env, kind) in new[] { ("coordinator.yaml", "coordinator.env", ConfigKind.Coordinator), ("agent.yaml", "agent.env", ConfigKind.Agent) })
        {
            var report = ConfigFileValidation.Validate(new ConfigValidationRequest(Path.Combine(Out, yaml), kind, UseEnvironment: true), EnvFile(env));
            Assert.True(report.Valid, string.Join("\n", report.Problems));
            var cli = await CliHarness.RunAsync(["config", "validate", Path.Combine(Out, yaml)], EnvFile(env));
            Assert.Equal(ExitCodes.Ok, cli.ExitCode);
        }

        var environmentFiles = Read("coordinator.env") + Read("agent.env");
        Assert.All(SecretValues, s => Assert.Contains(s, environmentFiles, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, "coordinator.env")));
        }
    }

    [Fact]
    public async Task Json_output_is_one_report_document_without_secrets()
    {
        var result = await CliHarness.RunAsync(["config", "import", files.Write("config.toml", Complete), "--out-dir", Out, "--cluster", "prod", "--json"]);

        var report = JsonSerializer.Deserialize(result.Out, ImportJson.Default.ConfigImportReport)!;
        Assert.True(report.Valid);
        Assert.Equal(["coordinator", "agent"], report.Validation.Select(v => v.Kind));
        Assert.Equal(["backup.timeout_secs", "retry.base_delay_ms", "retry.max_delay_ms", "clickhouse.compression"], report.Unmapped.Select(u => u.Source));
        Assert.Contains(report.Mapped, m => m.Source == "schedule.full_backup_interval_days" && m.Targets.SequenceEqual(["coordinator.yaml backup.full_backup_interval_days"]));
        Assert.Contains("  cluster: prod", Read("coordinator.yaml"), StringComparison.Ordinal);
        AssertNoSecret(result.All);
    }

    [Fact]
    public async Task Malformed_toml_exits_10_naming_the_line_and_the_key_without_the_secret_and_writes_nothing()
    {
        var file = files.Write("config.toml", "[clickhouse]\nurl = \"http://localhost:8123\"\npassword = ch-password-1234\ndatabase = \"mydb\"\n");

        var result = await CliHarness.RunAsync(["config", "import", file, "--out-dir", Out]);

        Assert.Equal(ExitCodes.ConfigInvalid, result.ExitCode);
        Assert.StartsWith($"error: config import: config file {file}: line 3, column 12: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("(key 'clickhouse.password')", result.Error, StringComparison.Ordinal);
        AssertNoSecret(result.All);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Existing_files_are_refused_unless_forced()
    {
        var file = files.Write("config.toml", Complete);
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "agent.yaml"), "mine\n");

        var refused = await CliHarness.RunAsync(["config", "import", file, "--out-dir", Out]);
        var forced = await CliHarness.RunAsync(["config", "import", file, "--out-dir", Out, "--force"]);

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains($"{Path.Combine(Out, "agent.yaml")} already exist(s); pass --force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        Assert.Contains("clickhouse:", Read("agent.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.yaml", "is not a .toml file")]
    [InlineData("missing.toml", "does not exist")]
    public async Task Anything_but_an_existing_toml_file_is_a_usage_error(string name, string message)
    {
        var path = name == "missing.toml" ? Path.Combine(files.Root, name) : files.Write(name, "a: 1\n");

        var result = await CliHarness.RunAsync(["config", "import", path, "--out-dir", Out]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_s3_keys_in_the_file_the_agent_needs_them_from_the_environment_as_clickvault_did()
    {
        var file = files.Write("config.toml", Complete.Replace("access_key = \"AKIAEXAMPLEKEY\"\n", "", StringComparison.Ordinal)
            .Replace("secret_key = \"s3-secret-key-5678\"\n", "", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["CLICKVAULT_S3_ACCESS_KEY"] = "AKIAEXAMPLEKEY", ["CLICKVAULT_S3_SECRET_KEY"] = "s3-secret-key-5678" };

        var alone = await CliHarness.RunAsync(["config", "import", file, "--out-dir", Out]);
        var withKeys = await CliHarness.RunAsync(["config", "import", file, "--out-dir", Out, "--force"], environment);

        Assert.Equal(ExitCodes.ConfigInvalid, alone.ExitCode);
        Assert.Contains("destination.s3_access_key must be set when", alone.Out, StringComparison.Ordinal);
        Assert.Contains("set CLICKVAULT_S3_ACCESS_KEY and CLICKVAULT_S3_SECRET_KEY", alone.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, withKeys.ExitCode);
        AssertNoSecret(withKeys.All);
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(Out, name));

    /// <summary>The variables of a generated environment file, read as sh reads the simple quoting it uses.</summary>
    private Dictionary<string, string> EnvFile(string name) =>
        Read(name).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].StartsWith('\'') ? p[1][1..^1].Replace("'\\''", "'", StringComparison.Ordinal) : p[1], StringComparer.Ordinal);

    private static List<string> Section(string output, string heading) =>
        [.. output.Split('\n').SkipWhile(l => l != heading).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))];

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in SecretValues)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
