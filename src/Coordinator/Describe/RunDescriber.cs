using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Describe;

/// <summary>Why nothing could be described (answered as 404 not_found): <see cref="Message"/> names what does not exist.</summary>
public sealed record DescribeMiss(string Message);

/// <summary>
/// <c>clickvault describe</c>: a run from its manifest (or, while active, its journal), and per shard the sidecar and the
/// shard's catalog (for the chain). Read straight from S3, so it shows what a restore would find.
/// </summary>
public sealed class RunDescriber(CoordinatorRuntime runtime, IObjectStore store)
{
    private readonly CatalogStore _catalog = new(store, runtime.Layout);
    private readonly RunJournal _journal = new(store, runtime.Layout);

    /// <summary>The run with every shard's backup; a <see cref="DescribeMiss"/> when there is no such run.</summary>
    public async Task<object> DescribeRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return new DescribeMiss($"no run '{runId}'");
        }
        var shards = new List<BackupDescription>();
        foreach (var outcome in run.Manifest.Shards)
        {
            shards.Add(await DescribeShardAsync(run.Manifest, outcome, cancellationToken).ConfigureAwait(false));
        }
        return BackupDescriptions.Run(run, shards);
    }

    /// <summary>One shard's backup of the run; a <see cref="DescribeMiss"/> naming the run or the shard that does not exist.</summary>
    public async Task<object> DescribeBackupAsync(string runId, string shard, CancellationToken cancellationToken)
    {
        if (await LoadAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return new DescribeMiss($"no run '{runId}'");
        }
        if (run.Manifest.Shards.FirstOrDefault(s => s.Shard == shard) is not { } outcome)
        {
            return new DescribeMiss(
                $"run {run.Manifest.RunId} has no backup of shard '{shard}' (its shards: {string.Join(", ", run.Manifest.Shards.Select(s => s.Shard))})");
        }
        return await DescribeShardAsync(run.Manifest, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BackupDescription> DescribeShardAsync(RunManifest run, ShardOutcome outcome, CancellationToken cancellationToken)
    {
        BackupSidecar? sidecar = null;
        ShardCatalog? catalog = null;
        if (outcome.Prefix is { } prefix)
        {
            sidecar = await _catalog.ReadSidecarAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (runtime.Layout.TryParseBackupPrefix(prefix, out var shardPath, out _, out _))
            {
                catalog = await _catalog.ReadShardAsync(new ShardId(outcome.Shard), shardPath, cancellationToken).ConfigureAwait(false);
            }
        }
        var record = new ShardRecord(outcome, sidecar, sidecar is null ? null : outcome.Prefix + BackupLayout.SidecarName, catalog);
        return BackupDescriptions.Shard(run.RunId, run.Cluster, record);
    }

    /// <summary>"latest" or a run id → the finished run's manifest, or the active run's journaled state.</summary>
    private async Task<RunRecord?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        if (await runtime.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return null;
        }
        var id = RunId.Parse(view.RunId);
        if (view.FinishedAt is not null && await _catalog.ReadRunManifestAsync(id, cancellationToken).ConfigureAwait(false) is { } manifest)
        {
            return new RunRecord(manifest, manifest.FinishedAt, Active: false, "manifest");
        }
        if (await _journal.ReadActiveAsync(cancellationToken).ConfigureAwait(false) is { } active && active.RunId == view.RunId)
        {
            return new RunRecord(RunViews.Manifest(active), active.FinishedAt, Active: !active.IsFinished, "journal");
        }
        // Finished between the two reads: the manifest is written before the journal is cleared.
        return await _catalog.ReadRunManifestAsync(id, cancellationToken).ConfigureAwait(false) is { } written
            ? new RunRecord(written, written.FinishedAt, Active: false, "manifest")
            : null;
    }
}
