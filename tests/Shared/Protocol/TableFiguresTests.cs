using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

public sealed class TableFiguresTests
{
    [Fact]
    public void Figures_of_an_older_sidecar_measured_stable_compare_checksums_and_exact_counts()
    {
        var stable = new BackupTableFigures("shop", "orders", "MergeTree", 10, null, 99, null, null);

        Assert.True(stable.IsStable());
        Assert.Equal(99UL, stable.ComparableChecksum());
        Assert.True(stable.AcceptsRows(10));
        Assert.False(stable.AcceptsRows(11));
    }

    [Fact]
    public void Figures_of_an_older_sidecar_changed_during_the_backup_accept_counts_between_and_compare_no_checksum()
    {
        var changed = new BackupTableFigures("shop", "orders", "MergeTree", 10, 14, 99, 120, null);

        Assert.False(changed.IsStable());
        Assert.Null(changed.ComparableChecksum());
        Assert.All(new ulong[] { 10, 12, 14 }, n => Assert.True(changed.AcceptsRows(n)));
        Assert.False(changed.AcceptsRows(9));
        Assert.False(changed.AcceptsRows(15));
    }

    [Fact]
    public void A_snapshot_becomes_figures_with_its_parts_and_no_checksum()
    {
        PartFigures[] parts = [new("all_1_1_0", 7, 70, "aa") { Active = true }, new("all_2_2_0", 3, 30, "bb") { Active = false }];
        var figures = BackupTableFigures.FromSnapshot(
        [
            new TableFigures("shop", "orders", "MergeTree", 7, null, null) { Parts = parts },
            new TableFigures("shop", "v", "View", null, null, "not measured"),
        ]);

        Assert.Equal(new BackupTableFigures("shop", "orders", "MergeTree", 7, null, null, null, null) { Parts = parts }.ToString(), figures[0].ToString());
        Assert.Same(parts, figures[0].Parts);
        Assert.Equal(("v", (ulong?)null, "not measured"), (figures[1].Table, figures[1].Rows, figures[1].Note));
        Assert.Null(figures[1].Parts);
        Assert.True(figures[0].IsStable());
        Assert.Null(figures[0].ComparableChecksum());
    }
}
