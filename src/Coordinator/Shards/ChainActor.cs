using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Shards;

/// <summary>
/// The entity of one shard's backup chain: reads the shard's catalog index, decides full or incremental (the pure
/// <see cref="BackupPlanner"/>), and records succeeded backups (sidecar first, then the index). One mailbox per shard
/// serializes every change of that shard's catalog.
/// </summary>
public sealed partial class ChainActor : ReceiveActor
{
    private readonly ShardId _shard;
    private readonly CatalogStore _catalog;
    private readonly PlanningPolicy _policy;
    private readonly TimeProvider _time;
    private ShardCatalog? _cached;

    public ChainActor(ShardId shard, CatalogStore catalog, PlanningPolicy policy, TimeProvider time)
    {
        _shard = shard;
        _catalog = catalog;
        _policy = policy;
        _time = time;
        ReceiveAsync<PlanShard>(PlanAsync);
        ReceiveAsync<RecordBackup>(RecordAsync);
        ReceiveAsync<GetShardCatalog>(async m =>
        {
            var replyTo = Sender;
            replyTo.Tell(await LoadAsync(ShardPath(m.Macros)), Self);
        });
        ReceiveMaintenance();
        ReceiveVerification();
    }

    private async Task PlanAsync(PlanShard request)
    {
        var replyTo = Sender;
        try
        {
            var shardPath = ShardPath(request.Macros);
            var catalog = await LoadAsync(shardPath);
            var candidate = BackupPlanner.CandidateBase(catalog);
            RunId? missing = null;
            foreach (var link in candidate is null || request.FullRequested ? [] : BackupPlanner.Links(catalog, candidate))
            {
                if (!await _catalog.NativeBackupExistsAsync(link.Prefix, CancellationToken.None))
                {
                    missing = link.RunId;
                    break;
                }
            }

            var plan = BackupPlanner.Plan(catalog, _policy, request.FullRequested, _time.GetUtcNow(), missing);
            var prefix = _catalog.Layout.BackupPrefix(shardPath, plan.Kind, request.Run);
            var previous = catalog.Newest is { Replica.Length: > 0 } newest ? new ChainAffinity(newest.Replica, newest.RunId.Value) : null;
            replyTo.Tell(new ShardPlanResult(shardPath, plan, prefix, plan.Base?.Prefix, previous), Self);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            replyTo.Tell(new ChainFailure(_shard.Value, $"planning failed: {e.Message}"), Self);
        }
    }

    private async Task RecordAsync(RecordBackup request)
    {
        var replyTo = Sender;
        try
        {
            var shard = request.Shard;
            var report = shard.LastReport ?? throw new InvalidOperationException("a succeeded shard has no report");
            var run = RunId.Parse(request.Run.RunId);
            var kind = shard.Kind == "incremental" ? BackupKind.Incremental : BackupKind.Full;
            var finished = report.FinishedAt ?? shard.FinishedAt ?? _time.GetUtcNow();
            var started = report.StartedAt ?? shard.DispatchedAt ?? finished;
            var databases = request.Run.Databases;
            var sidecar = new BackupSidecar(
                BackupSidecar.CurrentVersion, report.OperationId, BackupLayout.KindSegment(kind), run.Value, shard.BasePrefix,
                BackupSidecar.SuccessStatus, report.TotalSize, string.Join(",", databases), databases, started, finished,
                request.Run.Cluster, shard.Shard, shard.Replica ?? "", run.Value, report.NumFiles, report.CompressedSize,
                report.UncompressedSize, request.ClickHouseVersion, shard.ChainDepth, shard.BaseRunId,
                await _catalog.ReadConfigListingsAsync(shard.Prefix!, CancellationToken.None), request.AccessEntities)
            {
                Tables = await EvidenceAsync(shard),
            };
            await _catalog.WriteSidecarAsync(shard.Prefix!, sidecar, CancellationToken.None);

            var entry = new CatalogEntry(run, kind, shard.Prefix!, shard.BaseRunId is { } b ? RunId.Parse(b) : null, shard.Replica ?? "",
                report.NumFiles, report.TotalSize, report.UncompressedSize, report.CompressedSize, started, finished, shard.ChainDepth, databases);
            var catalog = (await LoadAsync(shard.ShardPath)).With(entry, _time.GetUtcNow());
            await _catalog.WriteShardAsync(catalog, CancellationToken.None);
            _cached = catalog;
            replyTo.Tell(new BackupRecorded(shard.Shard, shard.Prefix + BackupLayout.SidecarName), Self);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cached = null;
            replyTo.Tell(new ChainFailure(_shard.Value, $"recording the backup in the catalog failed: {e.Message}"), Self);
        }
    }

    /// <summary>The agent's metadata figures narrowed to the parts the backup's own <c>.backup</c> lists.</summary>
    private async Task<IReadOnlyList<BackupTableFigures>?> EvidenceAsync(Runs.ShardState shard)
    {
        if (shard.Tables is not { } reported)
        {
            return null;
        }

        try
        {
            var contents = await _catalog.ReadNativeContentsAsync(shard.Prefix!, CancellationToken.None);
            return BackupEvidence.Reconcile(reported, contents);
        }
        catch (Exception e) when (e is ObjectNotFoundException or FormatException or ObjectStoreException)
        {
            return BackupEvidence.Reconcile(reported, null, e.Message);
        }
    }

    private async Task<ShardCatalog> LoadAsync(string shardPath) =>
        _cached is { } c && c.ShardPath == shardPath
            ? c
            : _cached = await _catalog.ReadShardAsync(_shard, shardPath, CancellationToken.None);

    private string ShardPath(IReadOnlyDictionary<string, string> macros) =>
        macros.ContainsKey("shard") ? _catalog.Layout.ShardPath(macros) : _catalog.Layout.ShardPath(_shard);
}
