using System.Collections.Concurrent;
using Akka.Actor;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Coordinator.Tests.Actors;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

/// <summary>
/// Retention against the real chain entities (an actor system with the shard region) over an in-memory bucket, on a
/// manual clock: backups are written like the coordinator writes them (native files, <c>.backup</c>, sidecar, catalog).
/// </summary>
internal sealed class RetentionWorld : IAsyncDisposable
{
    private readonly ActorSystem _system;

    public RetentionWorld()
    {
        Memory = new InMemoryObjectStore(Time);
        Recorder = new RecordingObjectStore(Memory);
        Store = new CountingObjectStore(Recorder);
        Catalog = new CatalogStore(Store, Layout);
        _system = ActorSystem.Create("retention-tests", TierTests.Config);
        Region = TierTests.ChainRegion(_system, Catalog, Time);
        Catalogs = new ChainCatalogs(Region, TimeSpan.FromMinutes(1));
    }

    public FakeTimeProvider Time { get; } = new(RetentionCatalog.Now);

    public InMemoryObjectStore Memory { get; }

    public RecordingObjectStore Recorder { get; }

    public CountingObjectStore Store { get; }

    public BackupLayout Layout { get; } = new(new LayoutOptions("p", new ClusterName("c")));

    public CatalogStore Catalog { get; }

    public IActorRef Region { get; }

    public ChainCatalogs Catalogs { get; }

    public ScriptedBackupsInUse InUse { get; } = new();

    public ShardTarget Shard(string id) => new(new ShardId(id), Layout.ShardPath(new ShardId(id)));

    public BackupRemoval Removal() => new(Catalogs, new BackupObjects(Store), InUse, Layout);

    public RetentionCleanup Cleanup(RetentionPolicy policy) => new(Catalogs, Removal(), InUse, policy, Time);

    public RunDeletion Deletion() => new(Catalogs, Removal(), InUse);

    public ShardFolders Folders() => new(Store, Layout, LayoutOptions.DefaultShardPathTemplate);

    public CatalogRebuild Rebuild() => new(Catalogs, Folders(), Store, Layout, Time);

    public BrokenBackupSweep Sweep() => new(Catalogs, Folders(), Store, new BackupObjects(Store), InUse, Layout, Time);

    /// <summary>A complete backup of <paramref name="day"/> on <paramref name="shard"/>: native files, .backup and the sidecar (not the catalog).</summary>
    public async Task<CatalogEntry> BackupAsync(string shard, string day, string? baseDay = null, int files = 3, int attempt = BackupAttempt.First)
    {
        var entry = await NativeFilesAsync(shard, day, baseDay, files, attempt: attempt);
        var kind = BackupLayout.KindSegment(entry.Kind);
        await Catalog.WriteSidecarAsync(entry.Prefix, new BackupSidecar(
            BackupSidecar.CurrentVersion, $"{entry.RunId}-{shard}", kind, entry.RunId.Value,
            baseDay is null ? null : Layout.BackupPrefix(Shard(shard).ShardPath, BackupKind.Full, RetentionCatalog.Run(baseDay)), BackupSidecar.SuccessStatus,
            entry.TotalSize, "db", ["db"], entry.StartedAt, entry.FinishedAt, "c", shard, entry.Replica, entry.RunId.Value, entry.NumFiles,
            entry.CompressedSize, entry.UncompressedSize, "26.5.3.1", entry.ChainDepth, entry.BaseRunId?.Value), default);
        return entry;
    }

    /// <summary>What ClickHouse writes for a backup (data, metadata, .backup), without the sidecar: an unfinished or broken backup.</summary>
    /// <param name="attempt">Which attempt at the run's backup of the shard (a retry on another replica has a folder of its own).</param>
    public async Task<CatalogEntry> NativeFilesAsync(
        string shard, string day, string? baseDay = null, int files = 3, bool withBackupFile = true, int attempt = BackupAttempt.First)
    {
        var run = RetentionCatalog.Run(day);
        var kind = baseDay is null ? BackupKind.Full : BackupKind.Incremental;
        var prefix = Layout.BackupPrefix(Shard(shard).ShardPath, kind, new BackupAttempt(run, attempt));
        for (var i = 0; i < files; i++)
        {
            await Memory.PutAsync($"{prefix}data/db/events/part_{i:D5}.bin", new byte[10], null, default);
        }
        await Memory.PutAsync($"{prefix}metadata/db/events.sql", new byte[20], null, default);
        if (withBackupFile)
        {
            await Memory.PutAsync(prefix + BackupLayout.NativeMetadataName, new byte[30], null, default);
        }
        return new CatalogEntry(run, kind, prefix, baseDay is null ? null : RetentionCatalog.Run(baseDay), "r1", (ulong)files, 100, 100, 100,
            run.StartedAt, run.StartedAt.AddHours(1), 0, ["db"]);
    }

    public Task CatalogAsync(string shard, params CatalogEntry[] entries) =>
        Catalog.WriteShardAsync(ShardCatalog.Empty("c", shard, Shard(shard).ShardPath) with { Backups = [.. entries.OrderBy(e => e.RunId)] }, default);

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix) =>
        [.. (await Memory.ListAllAsync(prefix, null, default)).Objects.Select(o => o.Key)];

    public async Task<IReadOnlyList<string>> IndexedAsync(string shard) =>
        [.. (await Catalog.ReadShardAsync(new ShardId(shard), Shard(shard).ShardPath, default)).Backups.Select(b => b.RunId.Value)];

    public async ValueTask DisposeAsync() => await _system.Terminate();
}

/// <summary>Records every DeleteObjects batch; refuses to delete the keys <see cref="Refuse"/> matches (as S3 does per key).</summary>
internal sealed class RecordingObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentQueue<IReadOnlyList<string>> _batches = new();

    public Func<string, bool> Refuse { get; set; } = _ => false;

    public IReadOnlyList<IReadOnlyList<string>> DeleteBatches => [.. _batches];

    public string Bucket => inner.Bucket;

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, contentType, cancellationToken);

    public Task<string> PutAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, contentType, cancellationToken);

    public Task<ObjectContent> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    public Task<ObjectListing> ListPageAsync(ListRequest request, CancellationToken cancellationToken) => inner.ListPageAsync(request, cancellationToken);

    public async Task<IReadOnlyList<DeleteFailure>> DeleteBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        _batches.Enqueue(keys);
        var refused = keys.Where(Refuse).ToList();
        if (keys.Count > refused.Count)
        {
            await inner.DeleteBatchAsync([.. keys.Except(refused)], cancellationToken);
        }
        return [.. refused.Select(k => new DeleteFailure(k, "AccessDenied", "Access Denied"))];
    }
}

/// <summary>Backups in use as a test scripts them: each call answers the next queued value, then <see cref="Current"/>.</summary>
internal sealed class ScriptedBackupsInUse : IBackupsInUse
{
    private readonly ConcurrentQueue<BackupsInUse> _next = new();

    public BackupsInUse Current { get; set; } = BackupsInUse.None;

    public int Calls { get; private set; }

    public void Then(params BackupsInUse[] answers)
    {
        foreach (var answer in answers)
        {
            _next.Enqueue(answer);
        }
    }

    public Task<BackupsInUse> GetAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(_next.TryDequeue(out var next) ? next : Current);
    }

    public static BackupsInUse Using(string shard, string day, string by = "a test operation") =>
        new([new BackupUse(new ShardId(shard), RetentionCatalog.Run(day), by)], []);
}
