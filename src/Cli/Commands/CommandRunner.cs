using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// Runs a verb: binds its options, opens a session, executes, and maps any failure through
/// <see cref="ExitCodeMapper"/> to one reported error and its exit code.
/// </summary>
public sealed class CommandRunner(CliHost host, GlobalOptionSet globals, ErrorReporter reporter)
{
    public async Task<int> RunAsync<TOptions>(
        ParseResult result,
        Func<ParseResult, TOptions> bind,
        Func<TOptions, CommandSession, CancellationToken, Task<int>> execute,
        CancellationToken cancellationToken)
        where TOptions : IVerbOptions
    {
        var json = globals.WantsJson(result);
        var token = globals.TokenForRedaction(result);
        try
        {
            var options = bind(result);
            using var session = CommandSession.Open(options.Global, host, reporter);
            return await execute(options, session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = ExitCodeMapper.Map(ex);
            reporter.Report(failure, json, token);
            return failure.ExitCode;
        }
    }
}
