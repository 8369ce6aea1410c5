using System.Net;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Errors;

public sealed class ExitCodeMapperTests
{
    private static readonly Uri Coordinator = new("http://coordinator.internal:7480/");

    public static TheoryData<Exception, int, string> Failures() => new()
    {
        { new CliUsageException("--kind: bad"), 2, "usage" },
        { new ConfigFileInvalidException("config import: config file c.toml: line 3, column 1: ..."), 10, "config_invalid" },
        { new CoordinatorUnreachableException(Coordinator, "connection refused"), 3, "unreachable" },
        { new CoordinatorAuthException(HttpStatusCode.Unauthorized, null, tokenGiven: true), 4, "unauthorized" },
        { new CoordinatorAuthException(HttpStatusCode.Forbidden, new ApiError("forbidden", "read-only token"), tokenGiven: true), 4, "forbidden" },
        { Api(HttpStatusCode.Conflict, new ApiError("run_active", "run X is active")), 5, "run_active" },
        { Api(HttpStatusCode.Conflict, null), 5, "conflict" },
        { Api(HttpStatusCode.NotFound, new ApiError("not_found", "run X is unknown")), 6, "not_found" },
        { Api(HttpStatusCode.NotFound, null), 6, "not_found" },
        { Api(HttpStatusCode.BadRequest, new ApiError("invalid_request", "shard 9 does not exist")), 2, "invalid_request" },
        { Api(HttpStatusCode.InternalServerError, null), 7, "server_error" },
        { Api(HttpStatusCode.BadGateway, null), 7, "server_error" },
        { Api(HttpStatusCode.ServiceUnavailable, new ApiError("shutting_down", "coordinator is stopping")), 7, "shutting_down" },
        { Api((HttpStatusCode)418, null), 7, "unexpected_status" },
        { Api(HttpStatusCode.MovedPermanently, null), 7, "unexpected_status" },
        { new CoordinatorProtocolException("GET /api/status answered garbage"), 7, "invalid_response" },
        { new OperationCanceledException(), 130, "interrupted" },
        { new InvalidOperationException("boom"), 70, "internal" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Maps_each_failure_to_its_exit_code(Exception exception, int exitCode, string code)
    {
        var failure = ExitCodeMapper.Map(exception);

        Assert.Equal((exitCode, code), (failure.ExitCode, failure.Code));
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Fact]
    public void Exit_codes_are_the_documented_numbers()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7, 70, 130],
            [ExitCodes.Ok, ExitCodes.RunFailed, ExitCodes.Usage, ExitCodes.Unreachable, ExitCodes.AuthenticationFailed,
                ExitCodes.Conflict, ExitCodes.NotFound, ExitCodes.ServerError, ExitCodes.InternalError, ExitCodes.Interrupted]);
    }

    [Fact]
    public void Messages_carry_the_servers_words_and_the_request()
    {
        Assert.Equal("conflict: run X is active", ExitCodeMapper.Map(Api(HttpStatusCode.Conflict, new ApiError("run_active", "run X is active"))).Message);
        Assert.Equal(
            "the coordinator failed on GET /api/status (HTTP 500): the response had no body",
            ExitCodeMapper.Map(new CoordinatorApiException(HttpStatusCode.InternalServerError, null, "GET /api/status", "the response had no body")).Message);
        Assert.Contains("GET /api/status does not exist on the coordinator", ExitCodeMapper.Map(Api(HttpStatusCode.NotFound, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_failures_hint_at_the_token_option_and_variable()
    {
        var rejected = ExitCodeMapper.Map(new CoordinatorAuthException(HttpStatusCode.Unauthorized, new ApiError("unauthorized", "token expired"), tokenGiven: true));
        var missing = ExitCodeMapper.Map(new CoordinatorAuthException(HttpStatusCode.Unauthorized, null, tokenGiven: false));

        Assert.Equal(
            "authentication failed: the coordinator rejected the operator token (HTTP 401): token expired; pass the operator token with --token or set CLICKVAULT_OPERATOR_TOKEN",
            rejected.Message);
        Assert.StartsWith("authentication failed: no operator token was given", missing.Message, StringComparison.Ordinal);
        Assert.EndsWith(ExitCodeMapper.TokenHint, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_names_the_url()
    {
        var failure = ExitCodeMapper.Map(new CoordinatorUnreachableException(Coordinator, "the host name 'coordinator.internal' does not resolve"));

        Assert.StartsWith("cannot reach the coordinator at http://coordinator.internal:7480/: the host name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_succeeded_run_is_no_failure()
    {
        Assert.Null(ExitCodeMapper.MapFinishedRun(Canned.Succeeded()));
    }

    [Theory]
    [InlineData("partial")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public void A_run_that_did_not_succeed_exits_1(string state)
    {
        var failure = ExitCodeMapper.MapFinishedRun(Canned.Finished(state, Canned.Succeeded("1"), Canned.Failed("2")));

        Assert.Equal(ExitCodes.RunFailed, failure?.ExitCode);
        Assert.Equal($"run {Canned.RunId} finished {state}: 1 of 2 shard(s) failed: 2", failure!.Message);
    }

    [Fact]
    public void A_succeeded_run_with_a_failed_shard_still_exits_1()
    {
        Assert.Equal(ExitCodes.RunFailed, ExitCodeMapper.MapFinishedRun(Canned.Finished("succeeded", Canned.Failed("1")))?.ExitCode);
    }

    private static CoordinatorApiException Api(HttpStatusCode status, ApiError? error) => new(status, error, "GET /api/status");
}
