using System.Net;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Errors;

/// <summary>The one place that turns a failure into an exit code and the message the operator sees.</summary>
public static class ExitCodeMapper
{
    internal const string TokenHint = "pass the operator token with --token or set CLICKVAULT_OPERATOR_TOKEN";

    public static CliFailure Map(Exception exception) => exception switch
    {
        CliUsageException usage => new(ExitCodes.Usage, "usage", usage.Message),
        ConfigFileInvalidException invalid => new(ExitCodes.ConfigInvalid, "config_invalid", invalid.Message),
        CoordinatorUnreachableException unreachable => new(
            ExitCodes.Unreachable,
            "unreachable",
            $"{unreachable.Message}; check that the coordinator runs there (--coordinator or CLICKVAULT_COORDINATOR_URL)"),
        CoordinatorAuthException auth => MapAuth(auth),
        CoordinatorApiException api => MapApi(api),
        CoordinatorProtocolException protocol => new(ExitCodes.ServerError, "invalid_response", protocol.Message),
        OperationCanceledException => new(
            ExitCodes.Interrupted,
            "interrupted",
            "interrupted; a run that was started keeps running on the coordinator"),
        _ => new(
            ExitCodes.InternalError,
            "internal",
            $"internal error in clickvault ({exception.GetType().Name}): {exception.Message}"),
    };

    /// <summary>A finished run: null when it succeeded, else exit 1 naming the failed shards.</summary>
    public static CliFailure? MapFinishedRun(RunView run)
    {
        if (RunStates.IsSuccess(run))
        {
            return null;
        }

        var failed = run.Shards.Where(shard => shard.State == RunStates.Failed).Select(shard => shard.Shard).ToList();
        var shards = failed.Count == 0
            ? "no shard reported a failure"
            : $"{failed.Count} of {run.Shards.Count} shard(s) failed: {string.Join(", ", failed)}";
        return new(ExitCodes.RunFailed, "run_failed", $"run {run.RunId} finished {run.State}: {shards}");
    }

    /// <summary><c>check</c>: null when every shard is ok, else exit 8 naming every shard without a recent good backup.</summary>
    public static CliFailure? MapCheck(CheckView check)
    {
        if (check.Ok)
        {
            return null;
        }

        var maxAge = Rendering.CheckTables.MaxAge(check);
        var stale = check.Shards.Where(shard => !shard.Ok).OrderBy(shard => shard.Shard, Rendering.ShardOrder.Instance)
            .Select(shard => shard.NewestRunId is null
                ? $"{shard.Shard} ({shard.Detail})"
                : $"{shard.Shard} (newest {shard.NewestRunId} is {Rendering.CheckTables.Age(shard)} old)")
            .ToList();
        var message = stale.Count == 0
            ? $"check failed: {check.Problem ?? "the coordinator reported the check as failed"}"
            : $"no good backup younger than {maxAge}: shard(s) {string.Join(", ", stale)}";
        return new(ExitCodes.StaleBackups, "stale_backups", message);
    }

    /// <summary>System.CommandLine parse errors (unknown option, bad value): always a usage error.</summary>
    public static CliFailure MapParseErrors(IEnumerable<string> messages, string? verb)
    {
        var text = string.Join("; ", messages);
        var help = verb is null ? "clickvault --help" : $"clickvault {verb} --help";
        return new(ExitCodes.Usage, "usage", $"{text} (see '{help}')");
    }

    private static CliFailure MapAuth(CoordinatorAuthException auth)
    {
        var reason = auth.TokenGiven
            ? $"the coordinator rejected the operator token (HTTP {(int)auth.Status}): {auth.Message}"
            : $"no operator token was given and the coordinator requires one (HTTP {(int)auth.Status})";
        return new(ExitCodes.AuthenticationFailed, auth.Error?.Code ?? "unauthorized", $"authentication failed: {reason}; {TokenHint}");
    }

    private static CliFailure MapApi(CoordinatorApiException api)
    {
        var status = (int)api.Status;
        var serverCode = api.Error?.Code;
        return api.Status switch
        {
            HttpStatusCode.Conflict => new(ExitCodes.Conflict, serverCode ?? "conflict", $"conflict: {api.Message}"),
            HttpStatusCode.NotFound => new(
                ExitCodes.NotFound,
                serverCode ?? "not_found",
                api.Error is null
                    ? $"not found: {api.Request} does not exist on the coordinator (HTTP 404; is --coordinator the coordinator's URL?)"
                    : $"not found: {api.Message}"),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new(
                ExitCodes.Usage,
                serverCode ?? "invalid_request",
                $"the coordinator rejected the request: {api.Message}"),
            _ when status >= 500 => new(
                ExitCodes.ServerError,
                serverCode ?? "server_error",
                $"the coordinator failed on {api.Request} (HTTP {status}): {api.Message}"),
            _ => new(
                ExitCodes.ServerError,
                serverCode ?? "unexpected_status",
                $"unexpected answer to {api.Request} (HTTP {status}): {api.Message}"),
        };
    }
}
