using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// The <c>clickvault</c> command tree over one <see cref="CliHost"/>: global options, the verbs, help that lists the
/// exit codes, and parse errors reported as usage errors (exit 2) in the same shape as every other error.
/// </summary>
public sealed class CliCommandLine
{
    private readonly CliHost host;
    private readonly GlobalOptionSet globals;
    private readonly ErrorReporter reporter;

    public CliCommandLine(CliHost host)
    {
        this.host = host;
        globals = new GlobalOptionSet(host);
        reporter = new ErrorReporter(host.Out, host.Error);
        var runner = new CommandRunner(host, globals, reporter);
        Root = new RootCommand(
            "clickvault: operate ClickVault Cluster backups of a sharded ClickHouse cluster through its coordinator.");
        foreach (var option in globals.All)
        {
            Root.Add(option);
        }

        Root.Add(new BackupCommand(globals, runner));
        Root.Add(new ListCommand(globals, runner));
        Root.Add(new StatusCommand(globals, runner));
        Root.Add(new AgentsCommand(globals, runner));
        Root.Add(new DescribeCommand(globals, runner));
        Root.Add(new CheckCommand(globals, runner));
        Root.Add(new LogsCommand(globals, runner));
        Root.Add(new CancelCommand(globals, runner));
        Root.Add(new ConfigCommand(host, globals, runner));
        Root.Add(new CleanupCommand(globals, runner));
        Root.Add(new DeleteCommand(globals, runner));
        Root.Add(new CatalogCommand(globals, runner));
        Root.Add(new CleanBrokenCommand(globals, runner));
        Root.Add(new RestoreCommand(globals, runner, host));
        Root.Add(new VerifyCommand(globals, runner, host));

        var help = Root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
    }

    public RootCommand Root { get; }

    public GlobalOptionSet Globals => globals;

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>The options record of the verb <paramref name="result"/> selected (parse errors aside).</summary>
    public IVerbOptions BindOptions(ParseResult result) =>
        result.CommandResult.Command is IVerbCommand verb
            ? verb.BindOptions(result)
            : throw new CliUsageException("no verb was given (see 'clickvault --help')");

    public async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = Parse(args);
        if (result.Action is ParseErrorAction)
        {
            var verb = result.CommandResult.Command == Root ? null : result.CommandResult.Command.Name;
            var failure = ExitCodeMapper.MapParseErrors(result.Errors.Select(error => error.Message), verb);
            reporter.Report(failure, globals.WantsJson(result), globals.TokenForRedaction(result));
            return failure.ExitCode;
        }

        var configuration = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await result.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The standard help, followed by the exit code table.</summary>
    private sealed class ExitCodesHelpAction(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(ExitCodes.HelpText);
            output.WriteLine();
            return code;
        }
    }
}
