using System.Net;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Errors;

/// <summary>A failure the CLI knows how to explain; <see cref="ExitCodeMapper"/> turns each kind into an exit code.</summary>
public abstract class CliException : Exception
{
    protected CliException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Bad arguments or environment defaults found after parsing (exit 2); the message names the argument.</summary>
public sealed class CliUsageException(string message) : CliException(message);

/// <summary>A config file that cannot be read (exit 10): <c>config import</c>'s malformed TOML; the message names file, line and key.</summary>
public sealed class ConfigFileInvalidException(string message, Exception? innerException = null) : CliException(message, innerException);

/// <summary>The coordinator could not be reached at <see cref="Coordinator"/> (exit 3).</summary>
public sealed class CoordinatorUnreachableException(Uri coordinator, string reason, Exception? innerException = null)
    : CliException($"cannot reach the coordinator at {coordinator}: {reason}", innerException)
{
    public Uri Coordinator { get; } = coordinator;

    public string Reason { get; } = reason;
}

/// <summary>The coordinator rejected the operator token (exit 4). <see cref="TokenGiven"/> tells the hint which advice fits.</summary>
public sealed class CoordinatorAuthException(HttpStatusCode status, ApiError? error, bool tokenGiven)
    : CliException(error?.Message ?? "the response carried no error details")
{
    public HttpStatusCode Status { get; } = status;

    public ApiError? Error { get; } = error;

    public bool TokenGiven { get; } = tokenGiven;
}

/// <summary>
/// The coordinator answered <paramref name="request"/> with a non-success status other than 401/403.
/// <see cref="Error"/> is the server's <see cref="ApiError"/> when the body was one; otherwise
/// <paramref name="detail"/> says what the body was.
/// </summary>
public sealed class CoordinatorApiException(HttpStatusCode status, ApiError? error, string request, string? detail = null)
    : CliException(error?.Message ?? detail ?? "the response carried no error details")
{
    public HttpStatusCode Status { get; } = status;

    public ApiError? Error { get; } = error;

    /// <summary>Method and path, e.g. <c>GET /api/status</c>.</summary>
    public string Request { get; } = request;
}

/// <summary>The coordinator answered, but with something the CLI cannot read (exit 7); the message names what was wrong.</summary>
public sealed class CoordinatorProtocolException(string message, Exception? innerException = null)
    : CliException(message, innerException);
