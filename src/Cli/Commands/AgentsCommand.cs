using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault agents</c>.</summary>
public sealed record AgentsOptions(GlobalOptions Global) : IVerbOptions;

/// <summary>Lists the agents the coordinator knows, one per ClickHouse replica.</summary>
public sealed class AgentsCommand(GlobalOptionSet globals, CommandRunner runner)
    : VerbCommand<AgentsOptions>("agents", "List the agents (one per ClickHouse replica) and their health, and the coordinator nodes", globals, runner)
{
    public override AgentsOptions Bind(ParseResult result) => new(Globals.Bind(result));

    public override async Task<int> ExecuteAsync(AgentsOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var agents = await session.Client.GetAgentsAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await session.Client.GetNodesAsync(cancellationToken).ConfigureAwait(false);
        session.Renderer.Agents(agents, nodes);
        return ExitCodes.Ok;
    }
}
