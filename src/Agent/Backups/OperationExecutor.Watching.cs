using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>
/// The watch of one operation: poll the server on the injected clock and announce every change, then the end; a server
/// that is gone ends the watch too (<see cref="WatchDecisions"/>).
/// </summary>
public sealed partial class OperationExecutor
{
    private async Task WatchAsync(OperationId id, Tracked tracked, TimeSpan poll, CancellationToken cancellationToken)
    {
        var state = WatchState.Fresh;
        try
        {
            while (true)
            {
                await Task.Delay(poll, _time, cancellationToken).ConfigureAwait(false);
                WatchStep step;
                try
                {
                    var found = await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
                    step = WatchDecisions.Found(state, tracked.Last, found, _time.GetUtcNow());
                }
                catch (ClickHouseException e)
                {
                    Log.FindFailed(_logger, id.Value, e.Message);
                    var timeout = tracked.UnreachableTimeout is { } given && given > TimeSpan.Zero ? given : WatchDecisions.DefaultUnreachableTimeout;
                    step = WatchDecisions.Unreachable(state, tracked.Last, e.Message, _time.GetUtcNow(), timeout);
                }

                state = step.State;
                if (step.Report is not { } report)
                {
                    continue;
                }

                lock (_gate)
                {
                    if (report == tracked.Last)
                    {
                        continue;
                    }
                }

                if (report.State == OperationState.Succeeded && tracked is { Tables: null, Databases: { } databases })
                {
                    tracked.Tables = await ReadEvidenceAsync(id, databases, cancellationToken).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    tracked.Last = report;
                }

                Announce(tracked);
                if (report.IsFinished)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.WatchStopped(_logger, id.Value);
        }
        catch (Exception e)
        {
            Log.WatchCrashed(_logger, id.Value, e);
        }
    }

    private void Announce(Tracked tracked)
    {
        var report = tracked.Last;
        switch (report.State)
        {
            case OperationState.Running:
                Log.Progress(_logger, report.OperationId, report.NumFiles, report.UncompressedSize);
                break;
            case OperationState.Succeeded:
                Log.Completed(_logger, report.OperationId, report.NumFiles, report.UncompressedSize, report.CompressedSize);
                break;
            default:
                Log.Failed(_logger, report.OperationId, report.State, report.Error);
                break;
        }

        _outbox.Post(Message(tracked));
    }
}
