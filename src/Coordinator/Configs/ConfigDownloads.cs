using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Configs;

/// <summary>Which run's configuration files to read: a run id or "latest", optionally one shard and one replica.</summary>
public sealed record ConfigQuery(string Run, string? Shard, string? Replica);

/// <summary>
/// Reads the configuration files stored with shards' backups: per shard the backup of the run (or the newest before
/// it), every replica's listing and the content of its files, each checked against its SHA-256.
/// </summary>
public sealed class ConfigDownloads(IObjectStore store, CatalogStore catalog, AgentRegistry registry)
{
    /// <exception cref="ArgumentException">The run id is neither a run id nor "latest".</exception>
    /// <exception cref="KeyNotFoundException">No shard has a backup at or before the run.</exception>
    public async Task<IReadOnlyList<ShardConfigsView>> ReadAsync(ConfigQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        RunId? upTo = query.Run == "latest" ? null
            : RunId.TryParse(query.Run, out var id) ? id
            : throw new ArgumentException($"run '{query.Run}' is not a run id (YYYYMMDDTHHMMSSZ) or latest");
        var shards = registry.Members().GroupBy(m => m.Identity.Shard)
            .Select(g => (Shard: g.Key, Macros: g.First().Identity.Macros))
            .Where(s => query.Shard is null || s.Shard == query.Shard)
            .OrderBy(s => s.Shard, StringComparer.Ordinal);
        var views = new List<ShardConfigsView>();
        foreach (var (shard, macros) in shards)
        {
            var shardPath = macros.ContainsKey("shard") ? catalog.Layout.ShardPath(macros) : catalog.Layout.ShardPath(new ShardId(shard));
            var index = await catalog.ReadShardAsync(new ShardId(shard), shardPath, cancellationToken).ConfigureAwait(false);
            var backup = index.Backups.Where(b => upTo is not { } limit || b.RunId.CompareTo(limit) <= 0).MaxBy(b => b.RunId);
            if (backup is null)
            {
                continue;
            }
            var replicas = new List<ReplicaConfigsView>();
            foreach (var listing in await catalog.ReadConfigListingsAsync(backup.Prefix, cancellationToken).ConfigureAwait(false))
            {
                if (query.Replica is not null && listing.Replica != query.Replica)
                {
                    continue;
                }
                replicas.Add(await ReadReplicaAsync(backup.Prefix, listing, cancellationToken).ConfigureAwait(false));
            }
            views.Add(new ShardConfigsView(shard, backup.RunId.Value, backup.Prefix, replicas));
        }
        return views.Count > 0
            ? views
            : throw new KeyNotFoundException(query.Shard is null
                ? $"no shard has a backup at or before run {query.Run}"
                : $"shard {query.Shard} has no backup at or before run {query.Run} (or the shard has no connected agent)");
    }

    private async Task<ReplicaConfigsView> ReadReplicaAsync(string prefix, ConfigListing listing, CancellationToken cancellationToken)
    {
        var files = new List<ConfigFileView>();
        var refused = listing.Refused.Select(r => new RefusedConfigView(r.Path, r.Reason)).ToList();
        foreach (var file in listing.Files)
        {
            try
            {
                var content = await store.GetAsync(BackupLayout.ConfigFileKey(prefix, listing.Replica, file.Path), cancellationToken).ConfigureAwait(false);
                var bytes = content.Data.ToArray();
                if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) == file.Sha256)
                {
                    files.Add(new ConfigFileView(file.Path, bytes.Length, file.Sha256, bytes));
                }
                else
                {
                    refused.Add(new RefusedConfigView(file.Path, "the stored object does not match the SHA-256 in the listing (altered in S3)"));
                }
            }
            catch (ObjectNotFoundException)
            {
                refused.Add(new RefusedConfigView(file.Path, "the listing names it but the object is missing in S3"));
            }
        }
        return new ReplicaConfigsView(listing.Replica, listing.Directory, listing.CollectedAt, files, refused, listing.Error);
    }
}
