using ClickVault.Cluster.Cli.Commands;

namespace ClickVault.Cluster.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops following gracefully (exit 130); a second one kills the process.
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, CliHost.FromProcess(), interrupt.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The whole CLI: parses <paramref name="args"/>, runs the verb against the coordinator, returns the exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default) =>
        new CliCommandLine(host).InvokeAsync(args, cancellationToken);
}
