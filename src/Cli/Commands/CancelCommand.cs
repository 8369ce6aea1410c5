using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault cancel RUN [--wait]</c>.</summary>
public sealed record CancelOptions(GlobalOptions Global, RunTarget Run, bool Wait) : IVerbOptions;

/// <summary>
/// Cancels the active run: every dispatched shard's replica kills its backup, shards not dispatched yet fail. A backup
/// that is nearly done may still finish (ClickHouse's KILL does not always win); then that shard succeeds.
/// </summary>
public sealed class CancelCommand : VerbCommand<CancelOptions>
{
    private readonly Argument<RunTarget?> run = new("run")
    {
        Description = "The active run: its id (YYYYMMDDTHHMMSSZ) or 'latest'",
        CustomParser = result => RunTarget.Parse(result, "run"),
    };

    private readonly Option<bool> wait = new("--wait")
    {
        Description = "Follow the run until it ended, then print each shard's outcome",
    };

    public CancelCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("cancel", "Cancel the active run (kills each shard's running backup)", globals, runner)
    {
        Add(run);
        Add(wait);
    }

    public override CancelOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(run) ?? throw new CliUsageException("run: missing; pass the run id or 'latest'"), result.GetValue(wait));

    public override async Task<int> ExecuteAsync(CancelOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var cancel = await session.Operations.CancelRunAsync(options.Run.Text, cancellationToken).ConfigureAwait(false);
        session.OperationsRenderer.CancelRequested(cancel);
        if (!options.Wait)
        {
            return ExitCodes.Ok;
        }

        await session.FollowRunAsync(cancel.Run, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
