using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>Starting an operation the server does not know yet, and what its answer (or silence) means.</summary>
public sealed partial class OperationExecutor
{
    private async Task StartNewAsync(Starting start, TimeSpan poll, CancellationToken cancellationToken)
    {
        var id = start.Id;
        try
        {
            await start.Start(cancellationToken).ConfigureAwait(false);
        }
        catch (BackupRefusedException e)
        {
            // Someone else may have started the same id between our look-up and our start: then report theirs.
            if (await TryFindAsync(id, cancellationToken).ConfigureAwait(false) is { State: not OperationState.Unknown } raced)
            {
                Adopt(raced, poll, backup: await EvidenceAsync(start, null, cancellationToken).ConfigureAwait(false));
                return;
            }

            Refuse(id, e.Message);
            return;
        }
        catch (ClickHouseException e)
        {
            // The statement may or may not have reached the server: ask before calling it failed.
            var reached = await TryFindAsync(id, cancellationToken).ConfigureAwait(false);
            if (reached is { State: not OperationState.Unknown })
            {
                Adopt(reached, poll, backup: await EvidenceAsync(start, null, cancellationToken).ConfigureAwait(false));
                return;
            }

            if (reached is null)
            {
                // The server cannot even be asked (it died under the statement): it may be running there. Watched like a
                // started one, it ends as lost once the server stays unreachable, or comes back without it.
                Log.StartUnconfirmed(_logger, start.Verb, id.Value, e.Message);
                Adopt(OperationReports.Unknown(id.Value) with { State = OperationState.Running, StartedAt = _time.GetUtcNow() }, poll,
                    backup: start.Verb == "backup" ? new BackupWatch(start.Databases, null, start.UnreachableTimeout) : null);
                return;
            }

            Refuse(id, $"{start.Verb} {id} not started: {e.Message}");
            return;
        }

        Log.Started(_logger, start.Verb, id.Value, start.Databases.Count, poll);

        // Read after the statement, never before: the evidence must not delay the BACKUP (the coordinator keeps the parts its .backup lists).
        var evidence = await EvidenceAsync(start, null, cancellationToken).ConfigureAwait(false);
        var first = await TryFindAsync(id, cancellationToken).ConfigureAwait(false);
        var report = first is { State: not OperationState.Unknown }
            ? first
            : OperationReports.Unknown(id.Value) with { State = OperationState.Running, StartedAt = _time.GetUtcNow() };
        Adopt(report, poll, backup: evidence);
    }

    private async Task<OperationReport?> TryFindAsync(OperationId id, CancellationToken cancellationToken)
    {
        try
        {
            return await _engine.FindAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ClickHouseException e)
        {
            Log.FindFailed(_logger, id.Value, e.Message);
            return null;
        }
    }
}
