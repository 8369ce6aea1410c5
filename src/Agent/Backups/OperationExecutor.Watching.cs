using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>The watch of one operation: poll the server on the injected clock and announce every change, then the end.</summary>
public sealed partial class OperationExecutor
{
    private async Task WatchAsync(OperationId id, Tracked tracked, TimeSpan poll, CancellationToken cancellationToken)
    {
        var unknown = 0;
        try
        {
            while (true)
            {
                await Task.Delay(poll, _time, cancellationToken).ConfigureAwait(false);
                OperationReport report;
                try
                {
                    report = await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (ClickHouseException e)
                {
                    Log.FindFailed(_logger, id.Value, e.Message);
                    continue;
                }

                if (report.State == OperationState.Unknown)
                {
                    if (++unknown < LostAfterPolls)
                    {
                        continue;
                    }

                    report = tracked.Last with
                    {
                        State = OperationState.Failed,
                        Error = $"the local ClickHouse has no record of operation {id} any more (restarted while it ran?)",
                        FinishedAt = _time.GetUtcNow(),
                    };
                }

                unknown = 0;
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
