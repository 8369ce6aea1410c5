using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>A maintenance request names something that does not exist or is out of range; <see cref="Field"/> is the API field.</summary>
public sealed class RetentionRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The retention and catalog maintenance use cases the operator API and auto-cleanup call. Each call works on the
/// shards known from the connected agents and their topology, changes catalogs only through the chain entities, and
/// never touches a backup an operation in progress uses. One maintenance operation runs at a time (auto-cleanup after a
/// run waits for an operator's cleanup and the other way round).
/// </summary>
public sealed class RetentionService(
    CoordinatorRuntime runtime,
    AgentRegistry registry,
    IObjectStore store,
    IOptions<RetentionOptions> retention,
    IOptions<BackupOptions> backup,
    AllBackupsInUse inUse,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <exception cref="RetentionRequestException">A requested shard is not known.</exception>
    public Task<CleanupReport> CleanupAsync(CleanupOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var targets = Select(options.Shards, "shards");
        return OneAtATimeAsync(() => new RetentionCleanup(Catalogs(), Removal(), inUse, retention.Value.Policy, time).RunAsync(targets, options.DryRun, cancellationToken), cancellationToken);
    }

    /// <exception cref="RetentionRequestException">The requested shard is not known.</exception>
    public Task<DeleteRunOutcome> DeleteRunAsync(DeleteRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var targets = Select(options.Shard is { } shard ? [shard] : [], "shard");
        return OneAtATimeAsync(() => new RunDeletion(Catalogs(), Removal(), inUse).RunAsync(targets, options, cancellationToken), cancellationToken);
    }

    /// <summary>Rebuilds every shard's catalog.json from the sidecars.</summary>
    public Task<CatalogRebuildReport> RebuildCatalogAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => new CatalogRebuild(Catalogs(), Folders(), store, runtime.Layout, time).RunAsync(Known(), cancellationToken), cancellationToken);

    /// <exception cref="RetentionRequestException">The age is not positive.</exception>
    public Task<CleanBrokenReport> CleanBrokenAsync(CleanBrokenOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OlderThan < TimeSpan.FromSeconds(1))
        {
            throw new RetentionRequestException("older_than_seconds", $"older_than_seconds must be at least 1, got {options.OlderThan.TotalSeconds}");
        }
        return OneAtATimeAsync(() => new BrokenBackupSweep(Catalogs(), Folders(), store, new BackupObjects(store), inUse, runtime.Layout, time)
            .RunAsync(Known(), options, cancellationToken), cancellationToken);
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private ShardFolders Folders() => new(store, runtime.Layout, backup.Value.ShardPathTemplate);

    private ChainCatalogs Catalogs() => new(runtime.ShardRegion, ChainCatalogs.DefaultTimeout);

    private BackupRemoval Removal() => new(Catalogs(), new BackupObjects(store), inUse, runtime.Layout);

    private IReadOnlyList<ShardTarget> Known() => ShardTargets.Known(registry, runtime.Layout);

    private IReadOnlyList<ShardTarget> Select(IReadOnlyList<ShardId> shards, string field)
    {
        var known = Known();
        if (shards.Count == 0)
        {
            return known;
        }
        var unknown = shards.Where(s => known.All(k => k.Shard != s)).ToList();
        if (unknown.Count > 0)
        {
            var names = known.Count == 0 ? "none: no agent is connected" : string.Join(", ", known.Select(k => k.Shard));
            throw new RetentionRequestException(field, $"{field}: shard(s) {string.Join(", ", unknown)} not known to the coordinator (known shards: {names})");
        }
        return [.. known.Where(k => shards.Contains(k.Shard))];
    }
}
