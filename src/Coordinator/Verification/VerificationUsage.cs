using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// The backups the running verification reads (the verified backup and every base of it, per shard): retention must not
/// delete them. Updated by <see cref="VerificationService"/>; thread-safe.
/// </summary>
public sealed class VerificationUsage : IBackupsInUse
{
    private readonly Lock _gate = new();
    private IReadOnlyList<BackupUse> _uses = [];

    public Task<BackupsInUse> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new BackupsInUse(_uses, []));
        }
    }

    /// <summary>Adds the chain <paramref name="runs"/> of <paramref name="shard"/> as read by <paramref name="verification"/>.</summary>
    public void Add(string verification, ShardId shard, IEnumerable<RunId> runs)
    {
        var added = runs.Select(r => new BackupUse(shard, r, $"verification {verification} reads it")).ToList();
        lock (_gate)
        {
            _uses = [.. _uses, .. added];
        }
    }

    /// <summary>The verification ended: nothing is in use any more.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _uses = [];
        }
    }
}
