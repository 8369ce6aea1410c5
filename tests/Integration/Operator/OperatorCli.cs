using ClickVault.Cluster.Cli;
using ClickVault.Cluster.Cli.Commands;
using ClickVault.Cluster.Testing.Coordinator;

namespace ClickVault.Cluster.Integration.Tests.Operator;

/// <summary>What one run of <c>clickvault</c> printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// The real <c>clickvault</c> entry (<see cref="Cli.Program.RunAsync"/>) in-process against a coordinator, configured the
/// way operators do it: <c>CLICKVAULT_COORDINATOR_URL</c> and <c>CLICKVAULT_OPERATOR_TOKEN</c>. Output is captured in
/// writers that may be read while the command still runs (<see cref="Running.Output"/>).
/// </summary>
internal sealed class OperatorCli(InProcessCoordinator coordinator)
{
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var running = Start(args, CancellationToken.None);
        return await running.Completion;
    }

    /// <summary>Starts a command that keeps running (e.g. <c>logs --follow</c>).</summary>
    public Running Start(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var sharedOut = TextWriter.Synchronized(stdout);
        var sharedError = TextWriter.Synchronized(stderr);
        var environment = new Dictionary<string, string>
        {
            [GlobalOptionSet.CoordinatorVariable] = coordinator.BaseUrl.ToString(),
            [GlobalOptionSet.TokenVariable] = InProcessCoordinator.OperatorToken,
        };
        var host = new CliHost(sharedOut, sharedError, environment, OutputIsTerminal: false, TimeProvider.System);
        var completion = Task.Run(async () =>
        {
            var code = await Cli.Program.RunAsync(args, host, cancellationToken);
            return new CliRun(code, Read(sharedOut, stdout), Read(sharedError, stderr));
        }, cancellationToken);
        return new Running(completion, () => Read(sharedOut, stdout));
    }

    private static string Read(TextWriter shared, StringWriter inner)
    {
        // TextWriter.Synchronized locks on the wrapper: take the same lock to read a consistent snapshot.
        lock (shared)
        {
            return inner.ToString();
        }
    }

    /// <summary>A command still running: its stdout so far, and its result once it ends.</summary>
    internal sealed record Running(Task<CliRun> Completion, Func<string> Output);
}
