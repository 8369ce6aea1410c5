using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.EndToEnd;

public sealed class FailureEndToEndTests
{
    private const string WrongToken = "cv-op-wrong-55e0c1d7aa";

    [Theory]
    [InlineData("backup", "--wait")]
    [InlineData("status")]
    [InlineData("list", "--json")]
    public async Task A_wrong_token_exits_4_with_a_hint_and_never_prints_the_token(params string[] args)
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var fromOption = await CliHarness.RunAsync([.. args, "--token", WrongToken], CliHarness.Environment(stub.Address, token: null));
        var fromEnvironment = await CliHarness.RunAsync(args, CliHarness.Environment(stub.Address, WrongToken));

        foreach (var result in new[] { fromOption, fromEnvironment })
        {
            Assert.True(result.ExitCode == ExitCodes.AuthenticationFailed, result.ToString());
            Assert.DoesNotContain(WrongToken, result.All, StringComparison.Ordinal);
            Assert.Contains("--token", result.All, StringComparison.Ordinal);
            Assert.Contains("CLICKVAULT_OPERATOR_TOKEN", result.All, StringComparison.Ordinal);
        }

        // The server did see the token (and echoed it back): the CLI redacted it.
        Assert.All(stub.Requests, request => Assert.Equal($"Bearer {WrongToken}", request.Authorization));
        Assert.Contains(ErrorReporter.Redacted, fromOption.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_at_all_exits_4_saying_none_was_given()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await CliHarness.RunAsync(["agents"], CliHarness.Environment(stub.Address, token: null));

        Assert.True(result.ExitCode == ExitCodes.AuthenticationFailed, result.ToString());
        Assert.Contains("no operator token was given", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task An_unreachable_coordinator_exits_3_naming_the_url()
    {
        var closed = ClosedPort();
        var url = new Uri($"http://127.0.0.1:{closed}/");

        var human = await CliHarness.RunAsync(["backup", "--wait", "--token", Canned.Token, "--coordinator", url.ToString()]);
        var json = await CliHarness.RunAsync(["status", "--json"], CliHarness.Environment(url, Canned.Token));

        Assert.True(human.ExitCode == ExitCodes.Unreachable, human.ToString());
        Assert.Equal(
            $"error: cannot reach the coordinator at {url}: connection refused; check that the coordinator runs there (--coordinator or CLICKVAULT_COORDINATOR_URL)" + Environment.NewLine,
            human.Error);
        Assert.DoesNotContain(Canned.Token, human.All, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unreachable, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("unreachable", document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(url.ToString(), document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_path_prefix_exits_6_naming_the_route()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());
        var wrong = new Uri(stub.Address, "not-the-api/");

        var result = await CliHarness.RunAsync(["status"], CliHarness.Environment(wrong, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.NotFound, result.ToString());
        Assert.Contains("GET /not-the-api/api/status", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_exits_7_with_the_servers_message()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario
        {
            StatusFailure = (500, "application/json", """{"code":"catalog_unavailable","message":"S3 bucket 'backups' answered 503 SlowDown"}"""),
        });

        var result = await CliHarness.RunAsync(["status"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.ServerError, result.ToString());
        Assert.Equal(
            "error: the coordinator failed on GET /api/status (HTTP 500): S3 bucket 'backups' answered 503 SlowDown" + Environment.NewLine,
            result.Error);
    }

    [Theory]
    [InlineData(502, "text/html", "<html><body>Bad Gateway</body></html>", "(HTTP 502): the body is not an API error (Content-Type text/html): '<html><body>Bad Gateway</body></html>'")]
    [InlineData(200, "application/json", """{"cluster":"main","agents":[]}""", "is not a valid StatusView (Content-Type application/json): JSON deserialization for type 'ClickVault.Cluster.Shared.Api.StatusView' was missing required properties including: 'active_run', 'recent_runs'.")]
    [InlineData(200, "application/json", """{"cluster":"main","agents":null,"active_run":null,"recent_runs":[]}""", "is not a valid StatusView")]
    [InlineData(200, "text/plain", "OK", "is not a valid StatusView (Content-Type text/plain")]
    [InlineData(200, "application/json", "null", "with an empty or null body where a StatusView was expected")]
    public async Task An_unreadable_answer_exits_7_naming_what_was_wrong(int status, string contentType, string body, string expected)
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { StatusFailure = (status, contentType, body) });

        var result = await CliHarness.RunAsync(["status"], CliHarness.Environment(stub.Address, Canned.Token));

        Assert.True(result.ExitCode == ExitCodes.ServerError, result.ToString());
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("GET /api/status", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
