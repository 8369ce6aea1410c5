using Akka.Actor;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// Recording a created backup (sidecar, then the shard's catalog) happens in the shard's chain entity while this mailbox
/// goes on: shards that finish together are recorded side by side, not one after another. The shard's success is
/// journaled once its record is written (or its failure, when recording failed).
/// </summary>
public sealed partial class RunActor
{
    /// <summary>Shards whose record is being written.</summary>
    private readonly HashSet<string> _recording = new(StringComparer.Ordinal);

    private void StartRecording(ShardSucceeded succeeded, AgentReported reported)
    {
        _recording.Add(succeeded.Shard);
        var projected = _run.Apply(succeeded);
        var version = _services.Registry.Find(reported.Shard, reported.Replica)?.Identity.ClickHouseVersion ?? "";
        var record = new RecordBackup(projected, projected.Shard(succeeded.Shard), version, _services.Backup.AccessEntities);
        // Off the mailbox: shards that finish together are recorded side by side; the answer comes back as a message.
        _region.Ask<object>(new ShardEnvelope(new ShardId(succeeded.Shard), record), AskTimeout).PipeTo(Self,
            success: answer => new ShardRecorded(succeeded, reported.Report, answer is ChainFailure chain ? chain.Message : null),
            failure: e => new ShardRecorded(succeeded, reported.Report, $"recording the backup in the catalog failed: {e.GetBaseException().Message}"));
    }

    private async Task OnRecordedAsync(ShardRecorded recorded)
    {
        _recording.Remove(recorded.Succeeded.Shard);
        if (_run.Shards.FirstOrDefault(s => s.Shard == recorded.Succeeded.Shard) is not { IsTerminal: false })
        {
            // Ended meanwhile (a cancel): the record stays in the catalog, a real backup, as when KILL loses the race.
            return;
        }

        IReadOnlyList<RunJournalEvent> events = recorded.Failure is { } failure
            ? [new ShardFailed(Now, recorded.Succeeded.Shard, failure)]
            : [recorded.Succeeded];
        await CommitReportAsync(events, recorded.Report);
    }

    /// <summary>Self: the chain entity answered a <see cref="RecordBackup"/>; <see cref="Failure"/> says why it did not record.</summary>
    private sealed record ShardRecorded(ShardSucceeded Succeeded, OperationReport Report, string? Failure);
}
