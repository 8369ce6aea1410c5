using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>How the operator tools (describe, check, logs, cancel) reach stdout: text for people, JSON for scripts.</summary>
public interface IOperationsRenderer
{
    void RunDescription(RunDescription run);

    void BackupDescription(BackupDescription backup);

    void Check(CheckView check);

    /// <summary>The events of a run as the coordinator has them now.</summary>
    void RunLog(RunLogView log, string? shard);

    /// <summary><c>logs --follow</c>: live events until the run finished; returns the finished run.</summary>
    Task<RunView> FollowLogAsync(IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken);

    void CancelRequested(CancelRunView cancel);
}
