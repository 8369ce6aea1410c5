using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

public sealed class VerifyComparisonTests
{
    private static BackupTableFigures Recorded(string table, ulong? rows, ulong? checksum, ulong? rowsAfter = null, ulong? checksumAfter = null, string? note = null) =>
        new("shop", table, "MergeTree", rows, rowsAfter, checksum, checksumAfter, note);

    private static TableFigures Restored(string table, ulong? rows, ulong? checksum, string? note = null) =>
        new("shop", table, "MergeTree", rows, checksum, note);

    public static TheoryData<string, BackupTableFigures, TableFigures?, bool, string, string?> Cases => new()
    {
        { "same rows and checksum", Recorded("t", 10, 77), Restored("t", 10, 77), true, "match", null },
        { "missing table", Recorded("t", 10, 77), null, false, "not compared: table missing", "missing: the backup recorded this table, the restore did not create it" },
        { "fewer rows", Recorded("t", 10, 77), Restored("t", 9, 70), false, "mismatch", "rows: restored 9, recorded 10" },
        { "rows above the recorded range", Recorded("t", 10, 77, rowsAfter: 12), Restored("t", 13, 1), false, "not compared: the table changed while the backup ran, counts only", "rows: restored 13, recorded 10..12" },
        { "rows inside the recorded range", Recorded("t", 10, 77, rowsAfter: 12, checksumAfter: 99), Restored("t", 11, 5), true, "not compared: the table changed while the backup ran, counts only", null },
        { "rows range of a shrinking table", Recorded("t", 12, 77, rowsAfter: 10), Restored("t", 10, 5), true, "not compared: the table changed while the backup ran, counts only", null },
        { "same rows, other data", Recorded("t", 10, 77), Restored("t", 10, 78), false, "mismatch", "checksum: restored 78, recorded 77 (same row count, different data)" },
        { "no checksum recorded", Recorded("t", 10, null, note: "not summed: too big"), Restored("t", 10, 78), true, "not compared: no checksum recorded (not summed: too big), counts only", null },
        { "not summed after the restore", Recorded("t", 10, 77), Restored("t", 10, null, "not summed"), true, "not compared: not summed after the restore (not summed), counts only", null },
        { "a view: nothing recorded to count", Recorded("t", null, null, note: "View: not measured"), Restored("t", null, null), true, "not compared: View: not measured", null },
        { "rows not counted after the restore", Recorded("t", 10, 77), Restored("t", null, null, "failed"), false, "not compared: rows not counted", "rows: could not be counted after the restore (failed), recorded 10" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_table_is_compared_with_what_the_backup_recorded(
        string name, BackupTableFigures recorded, TableFigures? restored, bool passed, string checksum, string? problem)
    {
        var line = Assert.Single(VerifyComparison.Compare([recorded], restored is null ? [] : [restored]));

        Assert.True(passed == line.Passed, name);
        Assert.Equal(("shop", "t"), (line.Database, line.Table));
        Assert.Equal(checksum, line.Checksum);
        Assert.Equal(problem, line.Problem);
        Assert.Equal(restored?.Rows, line.RestoredRows);
    }

    [Fact]
    public void An_extra_restored_table_fails_and_lines_are_ordered_by_database_and_table()
    {
        var lines = VerifyComparison.Compare(
            [Recorded("orders", 5, 1), Recorded("customers", 3, 2)],
            [Restored("orders", 5, 1), Restored("customers", 3, 2), Restored("aaa_extra", 1, 1)]);

        Assert.Equal(["aaa_extra", "customers", "orders"], lines.Select(l => l.Table));
        Assert.Equal((false, "extra: the restore created a table the backup did not record", "-"), (lines[0].Passed, lines[0].Problem, lines[0].RecordedRows));
        Assert.True(lines[1].Passed && lines[2].Passed);
    }

    [Fact]
    public void Tables_of_another_database_with_the_same_name_do_not_match()
    {
        var lines = VerifyComparison.Compare([Recorded("t", 1, 1)], [new TableFigures("logs", "t", "MergeTree", 1, 1, null)]);

        Assert.Equal([("logs", "t", false), ("shop", "t", false)], lines.Select(l => (l.Database, l.Table, l.Passed)));
    }
}
