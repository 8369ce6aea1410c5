using System.CommandLine;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>A verb that can turn its parse result into its options record (what the parsing tests check).</summary>
public interface IVerbCommand
{
    IVerbOptions BindOptions(ParseResult result);
}

/// <summary>
/// A verb: <see cref="Bind"/> parses into one immutable options record, <see cref="ExecuteAsync"/> makes one use-case
/// call on the coordinator client and renders the answer. Error handling and exit codes live in <see cref="CommandRunner"/>.
/// </summary>
public abstract class VerbCommand<TOptions> : Command, IVerbCommand
    where TOptions : IVerbOptions
{
    protected VerbCommand(string name, string description, GlobalOptionSet globals, CommandRunner runner)
        : base(name, description)
    {
        Globals = globals;
        SetAction((result, cancellationToken) => runner.RunAsync(result, Bind, ExecuteAsync, cancellationToken));
    }

    protected GlobalOptionSet Globals { get; }

    public abstract TOptions Bind(ParseResult result);

    public abstract Task<int> ExecuteAsync(TOptions options, CommandSession session, CancellationToken cancellationToken);

    IVerbOptions IVerbCommand.BindOptions(ParseResult result) => Bind(result);
}
