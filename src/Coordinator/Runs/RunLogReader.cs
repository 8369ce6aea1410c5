using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Why a run's log cannot be shown: <see cref="Code"/> not_found (no such run) or no_events (its events were not kept).</summary>
public sealed record RunLogMiss(string Code, string Message);

/// <summary>
/// <c>clickvault logs</c>: a run's events from this coordinator's memory (active runs, and runs finished since it
/// started), else from the run's event archive in S3.
/// </summary>
public sealed class RunLogReader(CoordinatorRuntime runtime, RunEventHub hub, IObjectStore store)
{
    private readonly RunEventArchive _archive = new(store, runtime.Layout);

    /// <summary>A <see cref="RunLogView"/>, or a <see cref="RunLogMiss"/>.</summary>
    public async Task<object> ReadAsync(string runId, string? shard, CancellationToken cancellationToken)
    {
        if (await runtime.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return new RunLogMiss("not_found", $"no run '{runId}'");
        }
        var finished = run.FinishedAt is not null;
        IReadOnlyList<RunEvent> events = hub.History(run.RunId);
        var source = "coordinator";
        if (finished && events.Count == 0)
        {
            source = "archive";
            if (await _archive.ReadAsync(RunId.Parse(run.RunId), cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return new RunLogMiss("no_events",
                    $"the events of run {run.RunId} were not kept (it finished before this coordinator stored run events, or storing them failed)");
            }
            events = stored;
        }
        return new RunLogView(run.RunId, run.State, finished, source, [.. events.Where(e => shard is null || e.Shard == shard)]);
    }
}
