using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault status [--watch]</c>.</summary>
public sealed record StatusOptions(GlobalOptions Global, bool Watch = false) : IVerbOptions;

/// <summary>
/// Shows the agents summary, the active run with its shards, the recent runs and undelivered notifications;
/// <c>--watch</c> then follows the active run with live per-shard progress until it ends.
/// </summary>
public sealed class StatusCommand : VerbCommand<StatusOptions>
{
    private readonly Option<bool> watch = new("--watch", "-w")
    {
        Description = "Then follow the active run with live per-shard progress until it ends",
    };

    public StatusCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("status", "Show agents, the active run, the recent runs, each shard's last verified restore and undelivered notifications", globals, runner)
    {
        Add(watch);
    }

    public override StatusOptions Bind(ParseResult result) => new(Globals.Bind(result), result.GetValue(watch));

    public override async Task<int> ExecuteAsync(StatusOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var status = await session.Client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        session.Renderer.Status(status);
        if (!options.Watch || status.ActiveRun is not { } active)
        {
            return ExitCodes.Ok;
        }

        await session.FollowRunAsync(active, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
