using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class CommandParsingTests
{
    private const string Token = "cv-op-parse-0b1c";

    [Fact]
    public void Backup_parses_full_repeated_shards_and_wait()
    {
        var options = Bind<BackupOptions>("backup", "--full", "--shard", "1", "--shard", "eu-2", "--shard", "1", "--wait");

        Assert.True(options.Full);
        Assert.True(options.Wait);
        Assert.Equal([new ShardId("1"), new ShardId("eu-2")], options.Shards);
    }

    [Fact]
    public void Backup_defaults_to_all_shards_without_waiting()
    {
        var options = Bind<BackupOptions>("backup");

        Assert.Equal(new BackupOptions(options.Global, Full: false, options.Shards, Wait: false), options);
        Assert.Empty(options.Shards);
    }

    [Fact]
    public void Global_options_default_to_the_local_coordinator_and_30_seconds()
    {
        var global = Bind<AgentsOptions>("agents").Global;

        Assert.Equal(new Uri("http://127.0.0.1:7480"), global.Coordinator);
        Assert.Null(global.Token);
        Assert.Equal(TimeSpan.FromSeconds(30), global.Timeout);
        Assert.False(global.Json);
    }

    [Fact]
    public void Global_options_come_from_the_environment()
    {
        var environment = new Dictionary<string, string>
        {
            [GlobalOptionSet.CoordinatorVariable] = "https://ops.example/clickvault/",
            [GlobalOptionSet.TokenVariable] = Token,
        };

        var global = Bind<StatusOptions>(environment, "status").Global;

        Assert.Equal(new Uri("https://ops.example/clickvault/"), global.Coordinator);
        Assert.Equal(Token, global.Token!.Value);
    }

    [Fact]
    public void Arguments_override_the_environment_and_may_follow_the_verb()
    {
        var environment = new Dictionary<string, string>
        {
            [GlobalOptionSet.CoordinatorVariable] = "https://ops.example/",
            [GlobalOptionSet.TokenVariable] = "from-environment",
        };

        var global = Bind<StatusOptions>(environment, "status", "--coordinator", "http://10.0.0.5:7480", "--token", Token, "--timeout", "500ms", "--json").Global;

        Assert.Equal(new GlobalOptions(new Uri("http://10.0.0.5:7480"), global.Token, TimeSpan.FromMilliseconds(500), Json: true), global);
        Assert.Equal(Token, global.Token!.Value);
    }

    [Fact]
    public void The_token_never_shows_in_an_options_records_text()
    {
        var options = Bind<BackupOptions>("--token", Token, "backup", "--wait");

        Assert.DoesNotContain(Token, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, options.Global.Connection.ToString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void List_parses_its_filters()
    {
        var options = Bind<ListOptions>("list", "--shard", "3", "--kind", "incremental", "--run", "20260101T020000Z");

        Assert.Equal(new BackupFilter(new ShardId("3"), BackupKind.Incremental, RunId.Parse("20260101T020000Z")), options.Filter);
    }

    [Fact]
    public void List_without_filters_filters_nothing()
    {
        Assert.Equal(BackupFilter.None, Bind<ListOptions>("list").Filter);
    }

    [Theory]
    [InlineData("--kind", "list", "--kind", "weekly")]
    [InlineData("--kind", "list", "--kind", "Full")]
    [InlineData("--run", "list", "--run", "yesterday")]
    [InlineData("--shard", "list", "--shard", "a/b")]
    [InlineData("--shard", "backup", "--shard", "1", "--shard", "two words")]
    [InlineData("--timeout", "status", "--timeout", "soon")]
    [InlineData("--timeout", "status", "--timeout", "0")]
    [InlineData("--timeout", "status", "--timeout", "-5s")]
    [InlineData("--timeout", "status", "--timeout", "2d")]
    [InlineData("--coordinator", "status", "--coordinator", "ftp://example.org")]
    [InlineData("--coordinator", "status", "--coordinator", "127.0.0.1:7480")]
    [InlineData("--coordinator", "status", "--coordinator", "http://operator:pw@example.org")]
    public void Invalid_values_are_parse_errors_naming_the_option(string option, params string[] args)
    {
        var result = new CliCommandLine(Host()).Parse(args);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(option + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backup", "--fulll")]
    [InlineData("backup", "--shard")]
    [InlineData("restore")]
    [InlineData("list", "extra")]
    public async Task Parse_errors_exit_2(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_bad_coordinator_in_the_environment_exits_2_naming_the_variable()
    {
        var environment = new Dictionary<string, string> { [GlobalOptionSet.CoordinatorVariable] = "coordinator.internal" };

        var result = await CliHarness.RunAsync(["status"], environment);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: CLICKVAULT_COORDINATOR_URL: 'coordinator.internal' is not an http:// or https:// URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_token_argument_exits_2_naming_the_option()
    {
        var result = await CliHarness.RunAsync(["status", "--token", " "]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: --token: the value is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_errors_with_json_print_a_json_error()
    {
        var result = await CliHarness.RunAsync(["list", "--json", "--kind", "weekly"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("""{"error":{"code":"usage","message":"--kind:""", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    private static T Bind<T>(params string[] args) => Bind<T>(new Dictionary<string, string>(), args);

    private static T Bind<T>(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var commandLine = new CliCommandLine(Host(environment));
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(commandLine.BindOptions(result));
    }

    private static CliHost Host(IReadOnlyDictionary<string, string>? environment = null) =>
        CliHarness.Host(new StringWriter(), new StringWriter(), environment);
}
