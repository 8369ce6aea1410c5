namespace ClickVault.Cluster.Cli.Errors;

/// <summary>
/// What the CLI reports when a command fails: the process exit code, a stable machine-readable
/// <see cref="Code"/> (the server's <c>ApiError.Code</c> when there is one) and a one-line message.
/// </summary>
public sealed record CliFailure(int ExitCode, string Code, string Message);
