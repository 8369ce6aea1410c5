using System.Globalization;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Agent.Tables;

/// <summary>
/// The in-memory twin of <see cref="ClickHouseLocalTables"/> for fast logic tests, passing the same contract: tables per
/// database with engine, rows and checksum; engines without data of their own are not measured; names are validated alike.
/// </summary>
public sealed class InMemoryLocalTables : ILocalTables
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, (string Engine, ulong Rows, ulong Checksum)>> _databases = new(StringComparer.Ordinal);
    private readonly HashSet<TableRef> _damaged = [];

    /// <summary>Creates or replaces a table; the checksum follows the rows unless given.</summary>
    public void Set(string database, string table, string engine, ulong rows, ulong? checksum = null)
    {
        lock (_gate)
        {
            if (!_databases.TryGetValue(database, out var tables))
            {
                _databases[database] = tables = new(StringComparer.Ordinal);
            }

            tables[table] = (engine, rows, checksum ?? (rows * 2_654_435_761UL));
        }
    }

    public Task<IReadOnlyList<TableFigures>> InspectAsync(IReadOnlyList<string> databases, bool checksums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var names = databases.Select((d, i) => SqlIdentifier.Create(d, $"databases[{i}]").Value).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            IReadOnlyList<TableFigures> figures =
            [
                .. _databases.Where(d => names.Contains(d.Key)).SelectMany(d => d.Value.Select(t => TableEngines.HoldsData(t.Value.Engine)
                    ? new TableFigures(d.Key, t.Key, t.Value.Engine, t.Value.Rows, checksums ? t.Value.Checksum : null, null)
                    : new TableFigures(d.Key, t.Key, t.Value.Engine, null, null, TableEngines.NotMeasured(t.Value.Engine)))),
            ];
            return Task.FromResult(figures);
        }
    }

    /// <summary>A MergeTree table is one part whose hash follows its checksum; <see cref="Damage"/> fails its CHECK TABLE.</summary>
    public Task<IReadOnlyList<TableFigures>> SnapshotAsync(IReadOnlyList<string> databases, bool integrity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var names = databases.Select((d, i) => SqlIdentifier.Create(d, $"databases[{i}]").Value).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            IReadOnlyList<TableFigures> figures =
            [
                .. _databases.Where(d => names.Contains(d.Key)).SelectMany(d => d.Value.Select(t => Snapshot(d.Key, t.Key, t.Value, integrity))),
            ];
            return Task.FromResult(figures);
        }
    }

    /// <summary>Makes the table's CHECK TABLE fail (a damaged restored part).</summary>
    public void Damage(string database, string table)
    {
        lock (_gate)
        {
            _damaged.Add(new TableRef(database, table));
        }
    }

    private TableFigures Snapshot(string database, string table, (string Engine, ulong Rows, ulong Checksum) t, bool integrity)
    {
        if (!TableEngines.HoldsData(t.Engine))
        {
            return new TableFigures(database, table, t.Engine, null, null, TableEngines.NotMeasured(t.Engine));
        }

        var figures = TableEngines.HasParts(t.Engine)
            ? new TableFigures(database, table, t.Engine, t.Rows, null, null)
            {
                Parts = t.Rows == 0 ? [] : [new PartFigures("all_1_1_0", t.Rows, t.Rows * 8, t.Checksum.ToString("x32", CultureInfo.InvariantCulture)) { Active = true }],
            }
            : new TableFigures(database, table, t.Engine, t.Rows, null, null);
        return integrity
            ? figures with { Integrity = _damaged.Contains(new TableRef(database, table)) ? new TableIntegrity(false, "all_1_1_0: checksum mismatch") : new TableIntegrity(true, "1 checked") }
            : figures;
    }

    public Task<IReadOnlyList<string>> DatabasesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        lock (_gate)
        {
            IReadOnlyList<string> names = [.. _databases.Keys.Where(d => d.StartsWith(prefix, StringComparison.Ordinal))];
            return Task.FromResult(names);
        }
    }

    public Task<DropResult> DropAsync(IReadOnlyList<TableRef> tables, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(databases);
        foreach (var (table, i) in tables.Select((t, i) => (t, i)))
        {
            _ = new TableName(SqlIdentifier.Create(table.Database, $"tables[{i}].database"), SqlIdentifier.Create(table.Table, $"tables[{i}].table"));
        }

        var names = databases.Select((d, i) => SqlIdentifier.Create(d, $"databases[{i}]").Value).ToList();
        lock (_gate)
        {
            foreach (var table in tables)
            {
                if (_databases.TryGetValue(table.Database, out var existing))
                {
                    existing.Remove(table.Table);
                }
            }

            foreach (var database in names)
            {
                _databases.Remove(database);
            }
        }

        return Task.FromResult(new DropResult(tables, names, null));
    }
}
