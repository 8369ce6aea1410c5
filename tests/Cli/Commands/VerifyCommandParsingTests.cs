using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class VerifyCommandParsingTests
{
    [Fact]
    public void Verify_parses_the_run_and_the_shard_into_one_request()
    {
        var one = Bind("verify", "20261122T020000Z", "--shard", "2");
        var all = Bind("verify", "latest");

        Assert.Equal(("20261122T020000Z", "2"), (one.ToRequest().Run, one.ToRequest().Shard));
        Assert.Equal(new ShardId("2"), one.Shard);
        Assert.Equal(("latest", null), (all.ToRequest().Run, all.ToRequest().Shard));
        Assert.False(all.ToRequest().Content);
        Assert.True(Bind("verify", "latest", "--content").ToRequest().Content);
    }

    [Theory]
    [InlineData("run: 'yesterday' is neither 'latest' nor a run id", "verify", "yesterday")]
    [InlineData("Required argument missing for command: 'verify'", "verify")]
    [InlineData("--shard:", "verify", "latest", "--shard", "a/b")]
    public async Task Bad_arguments_are_usage_errors_naming_the_argument(string message, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("clickvault verify --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_exit_code_9()
    {
        var result = await CliHarness.RunAsync(["verify", "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("9    verify: a restored backup differs from what was recorded (or could not be restored)", result.Out, StringComparison.Ordinal);
    }

    private static VerifyOptions Bind(params string[] args)
    {
        var commandLine = new CliCommandLine(CliHarness.Host(new StringWriter(), new StringWriter()));
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<VerifyOptions>(commandLine.BindOptions(result));
    }
}
