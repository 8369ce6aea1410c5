using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class RestoreCommandParsingTests
{
    [Fact]
    public void Restore_parses_the_run_shards_table_patterns_rename_and_flags_into_one_request()
    {
        var options = Bind("restore", "20261122T020000Z", "--shard", "2", "--shard", "1", "--tables", "shop.orders, shop.o*", "--tables", "logs.*,shop.orders",
            "--as-database", "shop_copy", "--replace", "--dry-run", "--replicas", "one");

        var request = options.ToRequest();

        Assert.Equal(("20261122T020000Z", "shop_copy", true, true, "one"), (request.Run, request.AsDatabase, request.Replace, request.DryRun, request.Replicas));
        Assert.Equal(["2", "1"], request.Shards);
        Assert.Equal(["shop.orders", "shop.o*", "logs.*"], request.Tables);
        Assert.Equal([new ShardId("2"), new ShardId("1")], options.Shards);
    }

    [Fact]
    public void Restore_latest_defaults_to_every_shard_and_table_and_auto_replicas()
    {
        var options = Bind("restore", "latest");

        Assert.Equal(("latest", null, false, false, "auto"), (options.Run, options.AsDatabase, options.Replace, options.DryRun, options.Replicas));
        Assert.Empty(options.Shards);
        Assert.Empty(options.Tables);
    }

    [Theory]
    [InlineData("run: 'yesterday' is neither 'latest' nor a run id", "restore", "yesterday")]
    [InlineData("--tables: 'orders' is not a database.table pattern", "restore", "latest", "--tables", "orders")]
    [InlineData("--as-database: Invalid SQL identifier", "restore", "latest", "--as-database", "a\tb")]
    [InlineData("Argument 'some' not recognized. Must be one of:", "restore", "latest", "--replicas", "some")]
    [InlineData("Required argument missing for command: 'restore'", "restore")]
    public async Task Bad_arguments_are_usage_errors_naming_the_argument(string message, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("clickvault restore --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_restore_exit_codes()
    {
        var result = await CliHarness.RunAsync(["restore", "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--as-database", result.Out, StringComparison.Ordinal);
        Assert.Contains("a restore refused (non-empty tables)", result.Out, StringComparison.Ordinal);
        Assert.Contains("an unknown run to restore", result.Out, StringComparison.Ordinal);
    }

    private static RestoreOptions Bind(params string[] args)
    {
        var commandLine = new CliCommandLine(CliHarness.Host(new StringWriter(), new StringWriter()));
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<RestoreOptions>(commandLine.BindOptions(result));
    }
}
