using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

public sealed class TableFiguresTests
{
    private static TableFigures T(string table, ulong? rows, ulong? checksum, string engine = "MergeTree", string? note = null) =>
        new("shop", table, engine, rows, checksum, note);

    [Fact]
    public void An_unchanged_table_is_stable_and_its_checksum_comparable()
    {
        var combined = Assert.Single(BackupTableFigures.Combine([T("orders", 10, 99)], [T("orders", 10, 99)]));

        Assert.Equal(new BackupTableFigures("shop", "orders", "MergeTree", 10, null, 99, null, null), combined);
        Assert.True(combined.IsStable());
        Assert.Equal(99UL, combined.ComparableChecksum());
        Assert.True(combined.AcceptsRows(10));
        Assert.False(combined.AcceptsRows(11));
    }

    [Fact]
    public void A_table_written_during_the_backup_keeps_both_figures_accepts_counts_between_and_compares_no_checksum()
    {
        var combined = Assert.Single(BackupTableFigures.Combine([T("orders", 10, 99)], [T("orders", 14, 120)]));

        Assert.Equal((10UL, 14UL, 99UL, 120UL), (combined.Rows!.Value, combined.RowsAfter!.Value, combined.Checksum!.Value, combined.ChecksumAfter!.Value));
        Assert.False(combined.IsStable());
        Assert.Null(combined.ComparableChecksum());
        Assert.All(new ulong[] { 10, 12, 14 }, n => Assert.True(combined.AcceptsRows(n)));
        Assert.False(combined.AcceptsRows(9));
        Assert.False(combined.AcceptsRows(15));
    }

    [Fact]
    public void Rewritten_rows_with_the_same_count_are_unstable_through_the_checksum()
    {
        var combined = Assert.Single(BackupTableFigures.Combine([T("orders", 10, 99)], [T("orders", 10, 100)]));

        Assert.Null(combined.RowsAfter);
        Assert.Equal(100UL, combined.ChecksumAfter);
        Assert.False(combined.IsStable());
    }

    [Fact]
    public void Tables_seen_only_before_or_only_after_were_dropped_or_created_meanwhile_and_unmeasured_ones_stay_unmeasured()
    {
        var combined = BackupTableFigures.Combine(
            [T("gone", 5, 7), T("v", null, null, "View", "not measured"), T("later_failed", 3, 4)],
            [T("new", 2, 3), T("v", null, null, "View", "not measured"), T("later_failed", null, null, note: "not counted: boom")]);

        Assert.Equal(["gone", "later_failed", "new", "v"], combined.Select(t => t.Table));
        Assert.Equal((5UL, 0UL, "dropped while the backup ran"), (combined[0].Rows!.Value, combined[0].RowsAfter!.Value, combined[0].Note!));
        Assert.True(combined[1].IsStable());
        Assert.Equal((0UL, 2UL, "created while the backup ran"), (combined[2].Rows!.Value, combined[2].RowsAfter!.Value, combined[2].Note!));
        Assert.True(combined[3].IsStable());
        Assert.False(combined[3].AcceptsRows(0));
        Assert.Null(combined[3].ComparableChecksum());
    }
}
