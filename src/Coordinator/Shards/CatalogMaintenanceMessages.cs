using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Shards;

// Retention and catalog maintenance: every change of a shard's catalog.json goes through its chain actor, so it is
// serialized with planning and recording backups and the actor's cached catalog stays the one in S3.

/// <summary>The shard's catalog index at <see cref="ShardPath"/>. Reply: <see cref="ShardCatalog"/> or <see cref="ChainFailure"/>.</summary>
public sealed record ReadShardCatalog(string ShardPath);

/// <summary>Drop the entries of <see cref="Runs"/> from the index. Reply: <see cref="ShardCatalogChanged"/> or <see cref="ChainFailure"/>.</summary>
public sealed record RemoveCatalogEntries(string ShardPath, IReadOnlySet<RunId> Runs);

/// <summary>Put <see cref="Entries"/> (back) into the index. Reply: <see cref="ShardCatalogChanged"/> or <see cref="ChainFailure"/>.</summary>
public sealed record AddCatalogEntries(string ShardPath, IReadOnlyList<CatalogEntry> Entries);

/// <summary>The index before and after a change (the same when nothing changed; then nothing was written).</summary>
public sealed record ShardCatalogChanged(ShardCatalog Before, ShardCatalog After);

/// <summary>Replace the whole index (catalog rebuild). Reply: <see cref="ShardCatalogReplaced"/> or <see cref="ChainFailure"/>.</summary>
public sealed record ReplaceShardCatalog(ShardCatalog Catalog);

/// <summary>The replaced index (null when it was unreadable) and the one written.</summary>
public sealed record ShardCatalogReplaced(ShardCatalog? Previous, ShardCatalog Current);
