using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>How a verb's results reach stdout: tables and progress for people, JSON for scripts.</summary>
public partial interface IOutputRenderer
{
    /// <summary><c>backup</c> without <c>--wait</c>: the run was accepted.</summary>
    void RunStarted(RunView run);

    /// <summary>Shows the run while it progresses and returns it as it finished (the last <see cref="RunFinished"/>).</summary>
    Task<RunView> FollowRunAsync(RunView started, IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken);

    /// <summary>The per-shard outcome of a finished run.</summary>
    void RunSummary(RunView run);

    /// <summary><c>agents</c>: the agents, then the coordinator nodes (JSON: the agents only, as before; nodes are in <c>status</c>).</summary>
    void Agents(IReadOnlyList<AgentView> agents, IReadOnlyList<CoordinatorNodeView> nodes);

    void Status(StatusView status);

    void Backups(IReadOnlyList<BackupView> backups);
}
