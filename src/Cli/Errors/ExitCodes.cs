namespace ClickVault.Cluster.Cli.Errors;

/// <summary>
/// Every exit code `clickvault` returns, in one place. Scripts rely on these numbers: never renumber, only add.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>backup --wait</c>: every shard succeeded).</summary>
    public const int Ok = 0;

    /// <summary>A run finished with at least one failed shard (run state failed or partial).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad arguments: unknown verb or option, invalid value, invalid environment default.</summary>
    public const int Usage = 2;

    /// <summary>The coordinator could not be reached: connection refused, DNS failure, timeout.</summary>
    public const int Unreachable = 3;

    /// <summary>The coordinator rejected the operator token (HTTP 401/403).</summary>
    public const int AuthenticationFailed = 4;

    /// <summary>The coordinator refused because of its current state (HTTP 409), e.g. a run is already active.</summary>
    public const int Conflict = 5;

    /// <summary>The coordinator does not know what was asked for (HTTP 404).</summary>
    public const int NotFound = 6;

    /// <summary>The coordinator failed (HTTP 5xx) or answered something the CLI cannot read.</summary>
    public const int ServerError = 7;

    /// <summary><c>check</c>: a shard has no good backup younger than <c>--max-age</c> (or no good backup at all).</summary>
    public const int StaleBackups = 8;

    /// <summary><c>verify</c>: a restored backup differs from what was recorded, or could not be restored.</summary>
    public const int VerifyFailed = 9;

    /// <summary>
    /// <c>config validate</c>: the config file is invalid (every problem is printed, by key); <c>config import</c>: the
    /// TOML is malformed, or a generated file fails that check (the files are kept, the problems printed).
    /// </summary>
    public const int ConfigInvalid = 10;

    /// <summary>A bug in clickvault itself (an exception it did not expect); the message names the exception.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT); a started run keeps running on the coordinator.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code section of <c>clickvault --help</c>.</summary>
    public static string HelpText { get; } = string.Join(
        Environment.NewLine,
        "Exit codes:",
        "  0    ok",
        "  1    a run finished with a failed shard (run state failed or partial), or a restore with a shard not restored",
        "  2    usage error (bad arguments or environment defaults)",
        "  3    coordinator unreachable (connection refused, DNS, timeout)",
        "  4    authentication failed (401/403): check --token or CLICKVAULT_OPERATOR_TOKEN",
        "  5    conflict (409), e.g. a run is already active, or a restore refused (non-empty tables)",
        "  6    not found (404), e.g. an unknown run to restore",
        "  7    coordinator error (5xx) or a response clickvault cannot read",
        "  8    check: a shard has no good backup younger than --max-age",
        "  9    verify: a restored backup differs from what was recorded (or could not be restored)",
        "  10   config validate: the config file is invalid; config import: malformed TOML, or a generated file is invalid",
        "  70   internal error in clickvault",
        "  130  interrupted (Ctrl+C); a started run keeps running");
}
