using ClickVault.Cluster.Coordinator.Restores;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>The backups an active restore (or a verification's restore) reads: the restored backup and its whole chain.</summary>
public sealed class RestoreBackupsInUse(IRestoreUsage restores) : IBackupsInUse
{
    public Task<BackupsInUse> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new BackupsInUse(
            [.. restores.RunsInUse().SelectMany(shard => shard.Value.Select(run => new BackupUse(shard.Key, run, $"a restore reads backup {run.Value} of shard {shard.Key.Value}")))],
            []));
}
