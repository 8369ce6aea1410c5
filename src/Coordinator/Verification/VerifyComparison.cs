using System.Globalization;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// The pure comparison of a restored backup with what its sidecar recorded, table by table: a recorded table must be
/// restored and a restored table recorded. For figures from metadata (<see cref="BackupTableFigures.Parts"/>) the restored
/// rows must equal the recorded rows, every recorded part must be restored byte-identical (same <c>hash_of_all_files</c>)
/// and CHECK TABLE must pass. For older sidecars the row count must lie in the recorded [before, after] range and the
/// checksum match when the recorded one is comparable (the table was stable while the backup ran); otherwise counts only,
/// saying why.
/// </summary>
public static class VerifyComparison
{
    public const string Match = "match";
    public const string Mismatch = "mismatch";

    /// <summary>
    /// <paramref name="restored"/> carries the source database names (the scratch database mapped back). Ordered by
    /// database and table.
    /// </summary>
    public static IReadOnlyList<VerifyTableView> Compare(IReadOnlyList<BackupTableFigures> recorded, IReadOnlyList<TableFigures> restored)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(restored);
        var lines = new List<VerifyTableView>();
        foreach (var table in recorded)
        {
            var found = restored.FirstOrDefault(r => r.Database == table.Database && r.Table == table.Table);
            lines.Add(found is null
                ? new VerifyTableView(table.Database, table.Table, false, Recorded(table), null, "not compared: table missing",
                    "missing: the backup recorded this table, the restore did not create it")
                : table.Parts is not null ? PartComparison.Compare(table, found) : Integrity(Compare(table, found), found));
        }

        foreach (var extra in restored.Where(r => !recorded.Any(t => t.Database == r.Database && t.Table == r.Table)))
        {
            lines.Add(new VerifyTableView(extra.Database, extra.Table, false, "-", extra.Rows, "not compared: table not recorded",
                "extra: the restore created a table the backup did not record"));
        }

        return [.. lines.OrderBy(l => l.Database, StringComparer.Ordinal).ThenBy(l => l.Table, StringComparer.Ordinal)];
    }

    /// <summary>Whether the recorded figures include checksums of older sidecars, which only a full read of the restore can match.</summary>
    public static bool NeedsChecksums(IReadOnlyList<BackupTableFigures> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.Any(t => t.Parts is null && t.Checksum is not null);
    }

    /// <summary>A failed CHECK TABLE fails the table whatever else matched.</summary>
    private static VerifyTableView Integrity(VerifyTableView line, TableFigures restored) =>
        restored.Integrity is { Passed: false } damaged
            ? line with { Passed = false, Problem = line.Problem ?? PartComparison.IntegrityProblem(damaged) }
            : line;

    private static VerifyTableView Compare(BackupTableFigures recorded, TableFigures restored)
    {
        var line = new VerifyTableView(recorded.Database, recorded.Table, true, Recorded(recorded), restored.Rows, "", null);
        if (recorded.Rows is null)
        {
            return line with { Checksum = $"not compared: {recorded.Note ?? "no rows recorded"}" };
        }

        if (restored.Rows is not { } rows)
        {
            return line with
            {
                Passed = false, Checksum = "not compared: rows not counted",
                Problem = $"rows: could not be counted after the restore ({restored.Note ?? "no count"}), recorded {Recorded(recorded)}",
            };
        }

        if (!recorded.AcceptsRows(rows))
        {
            return line with
            {
                Passed = false, Checksum = Checksum(recorded, restored),
                Problem = string.Create(CultureInfo.InvariantCulture, $"rows: restored {rows}, recorded {Recorded(recorded)}"),
            };
        }

        var checksum = Checksum(recorded, restored);
        return checksum == Mismatch
            ? line with
            {
                Passed = false, Checksum = checksum,
                Problem = string.Create(CultureInfo.InvariantCulture, $"checksum: restored {restored.Checksum}, recorded {recorded.Checksum} (same row count, different data)"),
            }
            : line with { Checksum = checksum };
    }

    private static string Checksum(BackupTableFigures recorded, TableFigures restored) =>
        recorded.ComparableChecksum() is { } expected
            ? restored.Checksum is { } actual
                ? actual == expected ? Match : Mismatch
                : $"not compared: not summed after the restore{(restored.Note is { } note ? $" ({note})" : "")}, counts only"
            : recorded.Checksum is null
                ? $"not compared: no checksum recorded{(recorded.Note is { } why ? $" ({why})" : "")}, counts only"
                : "not compared: the table changed while the backup ran, counts only";

    /// <summary><c>10</c>, or <c>10..12</c> when the table changed while the backup ran; <c>-</c> when not counted.</summary>
    public static string Recorded(BackupTableFigures table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rows is not { } before)
        {
            return "-";
        }

        var after = table.RowsAfter ?? before;
        return after == before
            ? before.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Min(before, after)}..{Math.Max(before, after)}");
    }
}
