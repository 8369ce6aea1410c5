using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>Each shard's most recent verified restore (any of its catalog's backups), as <c>status</c> shows it.</summary>
public static class LastVerifiedRestores
{
    /// <summary>One entry per shard of <paramref name="backups"/>, in shard order (as <see cref="Retention.ShardTargets"/> orders them: shorter ids first); <see cref="ShardVerifiedView.RunId"/> null when none was verified.</summary>
    public static IReadOnlyList<ShardVerifiedView> From(IEnumerable<BackupView> backups)
    {
        ArgumentNullException.ThrowIfNull(backups);
        return [.. backups
            .GroupBy(b => b.Shard, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Where(b => b.LastVerified is not null).MaxBy(b => b.LastVerified!.At) is { } newest
                ? new ShardVerifiedView(g.Key, newest.RunId, newest.LastVerified)
                : new ShardVerifiedView(g.Key, null, null))];
    }
}
