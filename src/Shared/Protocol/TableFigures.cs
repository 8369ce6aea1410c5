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
    public TableRef ToRef() => new(Database, Table);
}

/// <summary>
/// A backed-up table's figures measured right before the BACKUP started and right after it was created. When a
/// concurrent insert (or delete) changed the table in between, <see cref="RowsAfter"/> / <see cref="ChecksumAfter"/> hold
/// the later values (null: unchanged). A later verification accepts a restored count between the two and compares
/// checksums only when the table was stable.
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
    public TableRef ToRef() => new(Database, Table);

    /// <summary>Nothing about the table changed while the backup ran.</summary>
    public bool IsStable() => RowsAfter is null && ChecksumAfter is null;

    /// <summary>Whether a restored table of <paramref name="rows"/> rows is consistent with the backup.</summary>
    public bool AcceptsRows(ulong rows) =>
        Rows is { } before && rows >= Math.Min(before, RowsAfter ?? before) && rows <= Math.Max(before, RowsAfter ?? before);

    /// <summary>The checksum a restored table must have, or null when it cannot be compared (not summed, or not stable).</summary>
    public ulong? ComparableChecksum() => IsStable() ? Checksum : null;

    /// <summary>Combines the two measurements of one backup; a table seen only once existed only before or only after.</summary>
    public static IReadOnlyList<BackupTableFigures> Combine(IReadOnlyList<TableFigures> before, IReadOnlyList<TableFigures> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var later = after.ToDictionary(t => t.ToRef());
        var combined = new List<BackupTableFigures>(Math.Max(before.Count, after.Count));
        foreach (var b in before)
        {
            if (later.Remove(b.ToRef(), out var a))
            {
                combined.Add(new BackupTableFigures(b.Database, b.Table, b.Engine, b.Rows, Changed(b.Rows, a.Rows), b.Checksum,
                    Changed(b.Checksum, a.Checksum), b.Note ?? a.Note));
            }
            else
            {
                combined.Add(new BackupTableFigures(b.Database, b.Table, b.Engine, b.Rows, b.Rows is null ? null : 0, b.Checksum,
                    b.Checksum is null ? null : 0, "dropped while the backup ran"));
            }
        }

        foreach (var a in after.Where(t => later.ContainsKey(t.ToRef())))
        {
            combined.Add(new BackupTableFigures(a.Database, a.Table, a.Engine, a.Rows is null ? null : 0, a.Rows, a.Checksum is null ? null : 0,
                a.Checksum, "created while the backup ran"));
        }

        return [.. combined.OrderBy(t => t.Database, StringComparer.Ordinal).ThenBy(t => t.Table, StringComparer.Ordinal)];
    }

    private static ulong? Changed(ulong? before, ulong? after) => after is null || before == after ? null : after;
}
