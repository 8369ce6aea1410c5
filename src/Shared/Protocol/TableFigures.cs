using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>A table by its database and name, as ClickHouse spells them (validated where they become SQL).</summary>
public sealed record TableRef(string Database, string Table)
{
    public override string ToString() => $"{Database}.{Table}";
}

/// <summary>
/// One table on one server at one moment: its engine, its row count and the checksum <c>sum(cityHash64(tuple(*)))</c>.
/// <see cref="Rows"/> is null when the table was not counted (an engine that holds no data of its own, such as a view,
/// or the count failed), <see cref="Checksum"/> when it was not summed; <see cref="Note"/> then says why.
/// </summary>
public sealed record TableFigures(string Database, string Table, string Engine, ulong? Rows, ulong? Checksum, string? Note)
{
    /// <summary>A MergeTree table's data parts from <c>system.parts</c>, outdated ones included (null: not asked, or no parts engine).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PartFigures>? Parts { get; init; }

    /// <summary>ClickHouse's <c>CHECK TABLE</c> of the table (null: not checked).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TableIntegrity? Integrity { get; init; }

    public TableRef ToRef() => new(Database, Table);
}

/// <summary>
/// One data part as <c>system.parts</c> lists it: name, rows, bytes on disk and <c>hash_of_all_files</c> (a hash of the
/// part's checksums.txt, so of every file's size and checksum: equal hashes mean byte-identical parts). <see cref="Active"/>
/// is false for a part a merge replaced that the server still keeps; null once reconciled with a backup's own file list.
/// </summary>
public sealed record PartFigures(string Name, ulong Rows, ulong Bytes, string Hash)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Active { get; init; }
}

/// <summary>The result of <c>CHECK TABLE</c>: every part's files match their checksums, or what did not.</summary>
public sealed record TableIntegrity(bool Passed, string Detail);

/// <summary>
/// A backed-up table's figures. Since layout v1.1 they come from metadata: <see cref="Parts"/> lists the data parts the
/// backup holds (the server's <c>system.parts</c> figures, narrowed to the parts the backup's own <c>.backup</c> file lists)
/// and <see cref="Rows"/> is their sum; nothing read table data. Older sidecars have no parts but counts and checksums
/// measured right before the BACKUP and right after it: when a concurrent insert changed the table in between,
/// <see cref="RowsAfter"/> / <see cref="ChecksumAfter"/> hold the later values (null: unchanged), and a verification
/// accepts a restored count between the two and compares checksums only when the table was stable.
/// </summary>
public sealed record BackupTableFigures(
    string Database,
    string Table,
    string Engine,
    ulong? Rows,
    ulong? RowsAfter,
    ulong? Checksum,
    ulong? ChecksumAfter,
    string? Note)
{
    /// <summary>The backup's data parts (null: figures of an older sidecar, or an engine without parts).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PartFigures>? Parts { get; init; }

    public TableRef ToRef() => new(Database, Table);

    /// <summary>Nothing about the table changed while the backup ran.</summary>
    public bool IsStable() => RowsAfter is null && ChecksumAfter is null;

    /// <summary>Whether a restored table of <paramref name="rows"/> rows is consistent with the backup.</summary>
    public bool AcceptsRows(ulong rows) =>
        Rows is { } before && rows >= Math.Min(before, RowsAfter ?? before) && rows <= Math.Max(before, RowsAfter ?? before);

    /// <summary>The checksum a restored table must have, or null when it cannot be compared (not summed, or not stable).</summary>
    public ulong? ComparableChecksum() => IsStable() ? Checksum : null;

    /// <summary>
    /// What an agent reports for a backup from one reading of the server's metadata (no table data read): each table's
    /// rows and every part <c>system.parts</c> lists, outdated ones included, so the coordinator can keep exactly the parts
    /// the backup's <c>.backup</c> file names even when a merge replaced some after the BACKUP took its snapshot.
    /// </summary>
    public static IReadOnlyList<BackupTableFigures> FromSnapshot(IReadOnlyList<TableFigures> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Select(t => new BackupTableFigures(t.Database, t.Table, t.Engine, t.Rows, null, null, null, t.Note) { Parts = t.Parts })];
    }
}
