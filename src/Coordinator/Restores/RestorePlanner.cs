using System.Globalization;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>
/// What a shard restores: <see cref="Databases"/> as a whole (the one with <see cref="ExceptTables"/> without those),
/// single <see cref="Tables"/>, and the source tables this amounts to (<see cref="Restored"/>, null when the backup has no
/// table list and whole databases are restored).
/// </summary>
public sealed record TableSelection(
    IReadOnlyList<string> Databases,
    IReadOnlyList<TableRef> Tables,
    IReadOnlyList<TableRef> ExceptTables,
    IReadOnlyList<BackupTableFigures>? Restored)
{
    /// <summary>What operators read: <c>db.*</c> for a whole database, <c>db.* except db.x</c>, or <c>db.t</c>.</summary>
    public IReadOnlyList<string> Describe() =>
    [
        .. Databases.Select(d => ExceptTables.Any(t => t.Database == d)
            ? $"{d}.* except {string.Join(", ", ExceptTables.Where(t => t.Database == d).Select(t => t.Table))}"
            : $"{d}.*"),
        .. Tables.Select(t => t.ToString()),
    ];
}

/// <summary>The replicas a shard restores on, and why those.</summary>
public sealed record ReplicaTargets(IReadOnlyList<string> Replicas, string Reason);

/// <summary>What inspecting one target replica found: non-empty target tables (refusal) and existing ones (dropped by replace).</summary>
public sealed record TargetCheck(IReadOnlyList<TableFigures> Conflicts, IReadOnlyList<TableRef> Existing);

/// <summary>
/// The pure decisions of a restore plan, per shard: which backup (the run's, or the newest successful one before it), its
/// chain, which tables, which replicas, and what stands in the way. The I/O around them is <see cref="RestorePlanning"/>.
/// </summary>
public static class RestorePlanner
{
    /// <summary>The run's backup of the shard, or the newest successful one before it; the newest for <c>latest</c>.</summary>
    public static CatalogEntry? Resolve(ShardCatalog catalog, RunId? run)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Backups.Where(b => run is null || b.RunId.CompareTo(run.Value) <= 0).MaxBy(b => b.RunId);
    }

    /// <summary>The backups <paramref name="entry"/> needs, its full first and itself last; a base missing from the catalog is refused.</summary>
    public static IReadOnlyList<CatalogEntry> Chain(ShardCatalog catalog, CatalogEntry entry, ShardId shard)
    {
        var links = BackupPlanner.Links(catalog, entry);
        if (links[^1] is { Kind: BackupKind.Incremental } broken)
        {
            throw RestoreRefusedException.NotFound("backup_missing",
                $"shard {shard}: backup {entry.RunId} cannot be restored: its chain link {broken.BaseRunId?.Value ?? "(none)"} (base of {broken.RunId}) is not in the shard's catalog");
        }

        return [.. links.Reverse()];
    }

    /// <summary>
    /// The tables to restore from a backup of <paramref name="databases"/> with table list <paramref name="tables"/>. Whole
    /// databases without patterns; with patterns only matching tables, a database all of whose tables match as a whole.
    /// A database restored in part becomes <c>DATABASE db EXCEPT TABLES ...</c> when it is the only one (so a missing or
    /// renamed database is created), else its tables are listed one by one.
    /// </summary>
    public static TableSelection Select(
        IReadOnlyList<string> databases, IReadOnlyList<BackupTableFigures>? tables, IReadOnlyList<TablePattern> patterns, SqlIdentifier? asDatabase, string backup)
    {
        ArgumentNullException.ThrowIfNull(databases);
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
        {
            if (asDatabase is not null && databases.Count != 1)
            {
                throw RestoreRefusedException.Invalid(
                    $"--as-database needs exactly one source database, but {backup} holds {databases.Count}: {string.Join(", ", databases)}; pick one database's tables with --tables db.*");
            }

            return new TableSelection(databases, [], [], tables);
        }

        if (tables is null)
        {
            throw RestoreRefusedException.Invalid(
                $"{backup} has no table list (taken before ClickVault recorded tables), so --tables cannot be matched; restore whole databases instead");
        }

        var matched = new List<BackupTableFigures>();
        foreach (var pattern in patterns)
        {
            var hits = tables.Where(t => pattern.Matches(t.Database, t.Table)).ToList();
            if (hits.Count == 0)
            {
                throw RestoreRefusedException.Invalid(
                    $"--tables pattern '{pattern}' matches no table of {backup} (its tables: {string.Join(", ", tables.Select(t => $"{t.Database}.{t.Table}"))})");
            }

            matched.AddRange(hits.Where(h => !matched.Contains(h)));
        }

        var sources = matched.Select(t => t.Database).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (asDatabase is not null && sources.Count != 1)
        {
            throw RestoreRefusedException.Invalid(
                $"--as-database needs exactly one source database, but --tables matches tables of {sources.Count}: {string.Join(", ", sources)}");
        }

        var whole = sources.Where(d => tables.Where(t => t.Database == d).All(matched.Contains)).ToList();
        var partial = sources.Except(whole).ToList();
        var except = partial.Count == 1
            ? tables.Where(t => t.Database == partial[0] && !matched.Contains(t)).Select(t => t.ToRef()).ToList()
            : [];
        return new TableSelection(
            [.. whole, .. except.Count > 0 ? partial : []],
            except.Count > 0 ? [] : [.. matched.Where(t => partial.Contains(t.Database)).Select(t => t.ToRef())],
            except,
            [.. matched.OrderBy(t => t.Database, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The target replicas: <c>one</c> by the backup replica rules, <c>all</c> healthy replicas (a sick one refuses the
    /// restore), <c>auto</c> one when every restored table is Replicated* (replication copies it) else all.
    /// </summary>
    public static ReplicaTargets Targets(
        ReplicaMode mode, IReadOnlyList<BackupTableFigures>? restored, IReadOnlyList<ReplicaCandidate> candidates, IReadOnlyList<string> priority, ShardId shard)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var reason = mode switch
        {
            ReplicaMode.One => "one replica (--replicas one)",
            ReplicaMode.All => "every replica (--replicas all)",
            _ when restored is null => "every replica: the backup has no table list to tell whether its tables are replicated",
            _ when restored.FirstOrDefault(t => !t.Engine.StartsWith("Replicated", StringComparison.Ordinal)) is { } local =>
                $"every replica: {local.Database}.{local.Table} is {local.Engine}, not replicated",
            _ => "one replica: every table is Replicated*, replication copies the rest",
        };
        if (mode == ReplicaMode.One || (mode == ReplicaMode.Auto && reason.StartsWith("one", StringComparison.Ordinal)))
        {
            var choice = ReplicaSelector.Choose(candidates, priority);
            return choice.Found
                ? new ReplicaTargets([choice.Replica!], $"{reason}; {choice.Replica} as {choice.Reason}")
                : throw RestoreRefusedException.Conflict("replica_unavailable", $"shard {shard}: no replica can restore: {choice.Reason}");
        }

        var sick = candidates.Where(c => !c.Connected || !c.ClickHouseReachable).Select(c => c.Replica).ToList();
        if (candidates.Count == 0 || sick.Count > 0)
        {
            throw RestoreRefusedException.Conflict("replica_unavailable", candidates.Count == 0
                ? $"shard {shard}: no agent of this shard is connected"
                : $"shard {shard}: replica(s) {string.Join(", ", sick)} have no connected agent or no reachable ClickHouse, and the restore goes to {reason}; use --replicas one to restore one replica");
        }

        return new ReplicaTargets([.. candidates.Select(c => c.Replica).Order(StringComparer.Ordinal)], reason);
    }

    /// <summary>The target tables <paramref name="inspected"/> on one replica: the non-empty ones, and every one that exists.</summary>
    public static TargetCheck Check(IReadOnlyList<TableRef>? targets, IReadOnlyList<TableFigures> inspected)
    {
        ArgumentNullException.ThrowIfNull(inspected);
        var existing = inspected.Where(t => targets is null || targets.Contains(t.ToRef())).ToList();
        return new TargetCheck([.. existing.Where(t => t.Rows > 0)], [.. existing.Select(t => t.ToRef())]);
    }

    /// <summary>The tables a restore creates, by their target names (null when not known: every table of the target databases).</summary>
    public static IReadOnlyList<TableRef>? TargetTables(TableSelection selection, SqlIdentifier? asDatabase) =>
        selection.Restored?.Select(t => new TableRef(asDatabase?.Value ?? t.Database, t.Table)).ToList();

    /// <summary>The databases the restore writes into.</summary>
    public static IReadOnlyList<string> TargetDatabases(TableSelection selection, SqlIdentifier? asDatabase) =>
        asDatabase is { } renamed
            ? [renamed.Value]
            : [.. selection.Databases.Concat(selection.Tables.Select(t => t.Database)).Distinct(StringComparer.Ordinal)];

    /// <summary>One line per conflict: <c>shard 1 replica-1: shop.orders (1,204 rows)</c>.</summary>
    public static string Describe(ShardId shard, string replica, TableFigures table) =>
        string.Create(CultureInfo.InvariantCulture, $"shard {shard} {replica}: {table.Database}.{table.Table} ({table.Rows:N0} rows)");
}
