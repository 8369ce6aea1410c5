using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault status</c>.</summary>
public sealed record StatusOptions(GlobalOptions Global) : IVerbOptions;

/// <summary>Shows the agents summary, the active run with its shards, and the recent runs.</summary>
public sealed class StatusCommand(GlobalOptionSet globals, CommandRunner runner)
    : VerbCommand<StatusOptions>("status", "Show agents, the active run and the recent runs", globals, runner)
{
    public override StatusOptions Bind(ParseResult result) => new(Globals.Bind(result));

    public override async Task<int> ExecuteAsync(StatusOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var status = await session.Client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        session.Renderer.Status(status);
        return ExitCodes.Ok;
    }
}
