using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class RetentionCommandParsingTests
{
    [Fact]
    public void Cleanup_parses_dry_run_and_repeated_shards()
    {
        var options = Bind<CleanupOptions>("cleanup", "--dry-run", "--shard", "1", "--shard", "eu-2", "--shard", "1");

        Assert.True(options.DryRun);
        Assert.Equal([new ShardId("1"), new ShardId("eu-2")], options.Shards);
    }

    [Fact]
    public void Cleanup_defaults_to_every_shard_for_real()
    {
        var options = Bind<CleanupOptions>("cleanup");

        Assert.Equal((false, 0), (options.DryRun, options.Shards.Count));
    }

    [Fact]
    public void Delete_parses_the_run_shard_and_cascade()
    {
        var options = Bind<DeleteOptions>("delete", "20260101T020000Z", "--shard", "2", "--cascade");

        Assert.Equal(new DeleteOptions(options.Global, RunId.Parse("20260101T020000Z"), new ShardId("2"), Cascade: true), options);
        Assert.Equal(new DeleteOptions(options.Global, RunId.Parse("20260101T020000Z"), null, false), Bind<DeleteOptions>("delete", "20260101T020000Z"));
    }

    [Fact]
    public void Catalog_rebuild_and_clean_broken_parse()
    {
        Assert.IsType<CatalogRebuildOptions>(Bind<CatalogRebuildOptions>("catalog", "rebuild"));
        var defaults = Bind<CleanBrokenOptions>("clean-broken");
        Assert.Equal((TimeSpan.FromHours(24), false), (defaults.OlderThan, defaults.DryRun));
        var given = Bind<CleanBrokenOptions>("clean-broken", "--older-than", "7d", "--dry-run");
        Assert.Equal((TimeSpan.FromDays(7), true), (given.OlderThan, given.DryRun));
    }

    [Theory]
    [InlineData("RUN", "delete", "yesterday")]
    [InlineData("--shard", "delete", "20260101T020000Z", "--shard", "a/b")]
    [InlineData("--shard", "cleanup", "--shard", "two words")]
    [InlineData("--older-than", "clean-broken", "--older-than", "soon")]
    [InlineData("--older-than", "clean-broken", "--older-than", "0h")]
    public void Invalid_values_are_parse_errors_naming_the_option(string option, params string[] args)
    {
        var result = new CliCommandLine(Host()).Parse(args);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(option + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("catalog")]
    [InlineData("catalog", "rebuild", "now")]
    public async Task Missing_or_extra_arguments_exit_2(params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    private static T Bind<T>(params string[] args)
    {
        var commandLine = new CliCommandLine(Host());
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(commandLine.BindOptions(result));
    }

    private static CliHost Host() => CliHarness.Host(new StringWriter(), new StringWriter());
}
