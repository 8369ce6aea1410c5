using ClickVault.Cluster.Cli.Commands;

namespace ClickVault.Cluster.Cli.Tests;

/// <summary>What one in-process run of the CLI produced.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>clickvault</c> in-process through <see cref="Program.RunAsync"/>, capturing stdout and stderr.</summary>
internal static class CliHarness
{
    public static Dictionary<string, string> Environment(Uri coordinator, string? token) =>
        token is null
            ? new() { [GlobalOptionSet.CoordinatorVariable] = coordinator.ToString() }
            : new() { [GlobalOptionSet.CoordinatorVariable] = coordinator.ToString(), [GlobalOptionSet.TokenVariable] = token };

    public static CliHost Host(
        StringWriter stdout,
        StringWriter stderr,
        IReadOnlyDictionary<string, string>? environment = null,
        bool terminal = false,
        TimeProvider? time = null) =>
        new(stdout, stderr, environment ?? new Dictionary<string, string>(), terminal, time ?? TimeProvider.System);

    public static async Task<CliResult> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        bool terminal = false,
        TimeProvider? time = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Program.RunAsync(args, Host(stdout, stderr, environment, terminal, time), CancellationToken.None);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
