using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Import;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class ConfigImportCommandParsingTests
{
    [Fact]
    public void Import_writes_to_the_current_directory_for_cluster_main_without_overwriting_by_default()
    {
        Assert.Equal(new ConfigImportRequest("config.toml", Environment.CurrentDirectory, "main", Force: false), Bind("config", "import", "config.toml").Request);
        Assert.Equal(
            new ConfigImportRequest("c.toml", "/tmp/out", "prod", Force: true),
            Bind("config", "import", "c.toml", "--out-dir", "/tmp/out", "--cluster", "prod", "--force").Request);
    }

    [Theory]
    [InlineData("--cluster:", "config", "import", "c.toml", "--cluster", "-bad")]
    [InlineData("Required argument missing for command: 'import'", "config", "import")]
    public async Task Bad_arguments_are_usage_errors_naming_the_argument(string message, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_documents_the_options_and_exit_code_10_of_import()
    {
        var result = await CliHarness.RunAsync(["config", "import", "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--out-dir", result.Out, StringComparison.Ordinal);
        Assert.Contains("10   config validate: the config file is invalid; config import: malformed TOML, or a generated file is invalid", result.Out, StringComparison.Ordinal);
    }

    private static ConfigImportOptions Bind(params string[] args)
    {
        var commandLine = new CliCommandLine(CliHarness.Host(new StringWriter(), new StringWriter()));
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return Assert.IsType<ConfigImportOptions>(commandLine.BindOptions(result));
    }
}
