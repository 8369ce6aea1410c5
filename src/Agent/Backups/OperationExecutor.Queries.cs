using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>What the coordinator asks about operations: by id, or every one handled since start-up (the hello).</summary>
public sealed partial class OperationExecutor
{
    /// <summary>One report per asked id: the server's, else this agent's last for an id it handled, else Unknown.</summary>
    public async Task<OperationStatus> QueryAsync(QueryOperations message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reports = new List<OperationReport>(message.OperationIds.Count);
        foreach (var text in message.OperationIds)
        {
            OperationId id;
            try
            {
                id = new OperationId(text);
            }
            catch (ArgumentException e)
            {
                reports.Add(OperationReports.Unknown(text, e.Message.Split(" (Parameter", 2)[0]));
                continue;
            }

            var tracked = Find(id);
            var report = tracked is { Foreign: true } ? tracked.Last : await CurrentAsync(id, tracked?.Last, cancellationToken).ConfigureAwait(false);
            if (tracked is null && message.Databases is { } databases && report.State is OperationState.Running or OperationState.Succeeded
                && !RestoreId.IsRestoreOperation(id.Value))
            {
                tracked = await AdoptAskedAsync(report, databases, cancellationToken).ConfigureAwait(false);
            }

            reports.Add(tracked is { Foreign: true } ? report : WithEvidence(tracked, report));
        }

        return new OperationStatus(reports);
    }

    /// <summary>
    /// A backup this agent does not track (it restarted since the backup started): watched from now on, its evidence read
    /// from the server's metadata, so its completion is reported with the same figures as any other.
    /// </summary>
    private async Task<Tracked?> AdoptAskedAsync(OperationReport report, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var id = new OperationId(report.OperationId);
        await _commands.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(id) is { } raced)
            {
                return raced;
            }

            Log.AlreadyKnown(_logger, id.Value, report.State);
            var evidence = await ReadEvidenceAsync(id, databases, cancellationToken).ConfigureAwait(false);
            Adopt(report, _options.PollInterval, announce: false, backup: new BackupWatch(databases, evidence, null));
            return Find(id);
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>The current report of every operation handled since start-up, in the order they were first handled.</summary>
    public async Task<IReadOnlyList<OperationReport>> SnapshotAsync(CancellationToken cancellationToken)
    {
        List<Tracked> handled;
        lock (_gate)
        {
            handled = _order.Select(id => _tracked[id]).ToList();
        }

        var reports = new List<OperationReport>(handled.Count);
        foreach (var tracked in handled)
        {
            var last = tracked.Last;
            reports.Add(WithEvidence(tracked, last.IsFinished ? last : await CurrentAsync(new OperationId(last.OperationId), last, cancellationToken).ConfigureAwait(false)));
        }

        return reports;
    }
}
