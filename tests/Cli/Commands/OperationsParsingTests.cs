using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class OperationsParsingTests
{
    private const string Run = "20260101T020000Z";

    [Fact]
    public void Describe_takes_a_run_id_latest_or_a_backup_id()
    {
        var run = Bind<DescribeOptions>("describe", Run);
        var latest = Bind<DescribeOptions>("describe", "latest");
        var backup = Bind<DescribeOptions>("describe", $"{Run}-eu-2");
        var retry = Bind<DescribeOptions>("describe", $"{Run}.a2-eu-2");
        var withShard = Bind<DescribeOptions>("describe", "latest", "--shard", "1");

        Assert.Equal((Run, (ShardId?)null), (run.Run.Text, run.Shard));
        Assert.Equal(RunTarget.Latest, latest.Run);
        Assert.Null(latest.Shard);
        Assert.Equal((Run, (ShardId?)new ShardId("eu-2")), (backup.Run.Text, backup.Shard));
        Assert.Equal((Run, (ShardId?)new ShardId("eu-2")), (retry.Run.Text, retry.Shard));
        Assert.Equal(("latest", (ShardId?)new ShardId("1")), (withShard.Run.Text, withShard.Shard));
    }

    [Fact]
    public async Task Describe_with_something_else_exits_2_naming_the_accepted_forms()
    {
        var result = await CliHarness.RunAsync(["describe", "yesterday"]);
        var missing = await CliHarness.RunAsync(["describe"]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("run|backup: 'yesterday' is neither a run (YYYYMMDDTHHMMSSZ", result.Error, StringComparison.Ordinal);
        Assert.Contains("nor a backup id ({run}-{shard}, e.g. 20260101T020000Z-1)", result.Error, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == ExitCodes.Usage, missing.ToString());
        Assert.Contains("(see 'clickvault describe --help')", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_with_a_backup_id_and_another_shard_exits_2()
    {
        var result = await CliHarness.RunAsync(["describe", $"{Run}-1", "--shard", "2"]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Equal($"error: --shard 2 contradicts backup id {Run}-1; pass either the backup id or the run with --shard" + Environment.NewLine, result.Error);
    }

    [Fact]
    public void Logs_defaults_to_the_latest_run_all_shards_without_following()
    {
        var defaults = Bind<LogsOptions>("logs");
        var given = Bind<LogsOptions>("logs", "--run", Run, "--shard", "2", "-f");

        Assert.Equal(new LogsOptions(defaults.Global, RunTarget.Latest, null, false), defaults);
        Assert.Equal(new LogsOptions(given.Global, new RunTarget(RunId.Parse(Run)), new ShardId("2"), true), given);
    }

    [Fact]
    public async Task Logs_with_a_bad_run_exits_2_naming_the_option()
    {
        var result = await CliHarness.RunAsync(["logs", "--run", "2026-01-01"]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: --run: '2026-01-01' is not a run; use the run id", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("26h", 26 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("90m", 90 * 60)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("2w", 14 * 86400)]
    public void Check_parses_max_age(string text, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Bind<CheckOptions>("check", "--max-age", text).MaxAge);
    }

    [Theory]
    [InlineData("26", "is not an age")]
    [InlineData("1.5y", "is not an age")]
    [InlineData("0h", "is out of range")]
    [InlineData("9999d", "is out of range")]
    [InlineData("h", "is not an age")]
    public async Task Check_with_a_bad_max_age_exits_2_naming_the_option(string text, string problem)
    {
        var result = await CliHarness.RunAsync(["check", "--max-age", text]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith($"error: --max-age: '{text}' {problem}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_without_max_age_exits_2()
    {
        var result = await CliHarness.RunAsync(["check"]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("--max-age", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_takes_a_run_and_optionally_waits()
    {
        Assert.Equal(new CancelOptions(Bind<CancelOptions>("cancel", Run).Global, new RunTarget(RunId.Parse(Run)), false), Bind<CancelOptions>("cancel", Run));
        Assert.True(Bind<CancelOptions>("cancel", "latest", "--wait").Wait);
    }

    [Fact]
    public async Task Cancel_without_a_run_exits_2()
    {
        var result = await CliHarness.RunAsync(["cancel"]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("(see 'clickvault cancel --help')", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_watch_is_optional()
    {
        Assert.False(Bind<StatusOptions>("status").Watch);
        Assert.True(Bind<StatusOptions>("status", "--watch").Watch);
    }

    [Fact]
    public async Task Help_lists_exit_code_8()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        Assert.Contains("8    check: a shard has no good backup younger than --max-age", result.Out, StringComparison.Ordinal);
        foreach (var verb in new[] { "describe", "check", "logs", "cancel" })
        {
            Assert.Contains(verb, result.Out, StringComparison.Ordinal);
        }
    }

    private static T Bind<T>(params string[] args)
    {
        var commandLine = new CliCommandLine(CliHarness.Host(new StringWriter(), new StringWriter()));
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(commandLine.BindOptions(result));
    }
}
