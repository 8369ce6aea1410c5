using System.CommandLine;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault logs [--run ID|latest] [--shard N] [--follow]</c>.</summary>
public sealed record LogsOptions(GlobalOptions Global, RunTarget Run, ShardId? Shard, bool Follow) : IVerbOptions;

/// <summary>
/// Prints a run's structured events (stored in S3 once the run finished, so past runs and restarts are covered);
/// <c>--follow</c> keeps printing the active run's live events until it ends.
/// </summary>
public sealed class LogsCommand : VerbCommand<LogsOptions>
{
    private readonly Option<RunTarget?> run = new("--run")
    {
        Description = "The run: its id (YYYYMMDDTHHMMSSZ) or 'latest' (default: latest, the active run if there is one)",
        HelpName = "run-id",
        CustomParser = result => RunTarget.Parse(result, "--run"),
    };

    private readonly Option<ShardId?> shard = new(ShardOption.Name)
    {
        Description = "Only this shard's events",
        HelpName = "shard",
        CustomParser = ShardOption.ParseOne,
    };

    private readonly Option<bool> follow = new("--follow", "-f")
    {
        Description = "Keep printing the active run's events as they happen, until the run ends",
    };

    public LogsCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("logs", "Print the events of a run (default: the latest); --follow streams the active run's", globals, runner)
    {
        Add(run);
        Add(shard);
        Add(follow);
    }

    public override LogsOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(run) ?? RunTarget.Latest, result.GetValue(shard), result.GetValue(follow));

    public override async Task<int> ExecuteAsync(LogsOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var shardFilter = options.Shard?.Value;
        var log = await session.Operations.GetRunLogAsync(options.Run.Text, shardFilter, cancellationToken).ConfigureAwait(false);
        session.OperationsRenderer.RunLog(log, shardFilter);
        if (!options.Follow || log.Finished)
        {
            return ExitCodes.Ok;
        }

        var live = new RunLogFollower(session.NewRunFollower());
        await session.OperationsRenderer
            .FollowLogAsync(live.FollowAsync(log, shardFilter, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
