using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Errors;

public sealed class ErrorReporterTests
{
    private const string Token = "cv-op-reporter-91ad";

    [Fact]
    public void Prints_one_error_line_on_stderr_with_the_token_redacted()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        new ErrorReporter(stdout, stderr).Report(new CliFailure(4, "unauthorized", $"token '{Token}' is not valid"), json: false, Token);

        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal("error: token '[REDACTED]' is not valid" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void Prints_a_json_error_document_on_stdout_with_json()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        new ErrorReporter(stdout, stderr).Report(new CliFailure(5, "run_active", $"run is active ({Token})"), json: true, Token);

        Assert.Equal(string.Empty, stderr.ToString());
        using var document = JsonDocument.Parse(stdout.ToString());
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("run_active", error.GetProperty("code").GetString());
        Assert.Equal("run is active ([REDACTED])", error.GetProperty("message").GetString());
        Assert.Equal(5, error.GetProperty("exit_code").GetInt32());
    }
}
