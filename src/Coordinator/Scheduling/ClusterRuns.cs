using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>What the scheduled backup needs of the runs: start one, and see the active one.</summary>
public interface IClusterRuns
{
    /// <summary>Answers <see cref="RunAccepted"/> or <see cref="RunRejected"/>.</summary>
    Task<object> StartRunAsync(StartRun request, CancellationToken cancellationToken);

    Task<RunView?> ActiveRunAsync(CancellationToken cancellationToken);
}

/// <summary>The runs actor of the coordinator's runtime.</summary>
public sealed class RuntimeClusterRuns(CoordinatorRuntime runtime) : IClusterRuns
{
    public Task<object> StartRunAsync(StartRun request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return runtime.StartRunAsync(new StartRunRequest(request.Full, request.Shards), request.Trigger, cancellationToken);
    }

    public async Task<RunView?> ActiveRunAsync(CancellationToken cancellationToken) =>
        (await runtime.GetRunsAsync(1, cancellationToken).ConfigureAwait(false)).Active;
}
