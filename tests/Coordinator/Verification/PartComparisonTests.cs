using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

/// <summary>Figures recorded from metadata (parts) against a restored scratch table.</summary>
public sealed class PartComparisonTests
{
    private static readonly PartFigures A = new("all_1_1_0", 10, 100, "aa");
    private static readonly PartFigures B = new("all_2_2_0", 5, 50, "bb");

    private static BackupTableFigures Recorded(ulong? rows, string? note = null, params PartFigures[] parts) =>
        new("shop", "t", "MergeTree", rows, null, null, null, note) { Parts = parts };

    private static TableFigures Restored(ulong? rows, TableIntegrity? integrity, ulong? checksum, params PartFigures[] parts) =>
        new("shop", "t", "MergeTree", rows, checksum, null) { Parts = parts, Integrity = integrity };

    private static readonly TableIntegrity Passed = new(true, "2 checked");

    public static TheoryData<string, BackupTableFigures, TableFigures, bool, string, string?> Cases => new()
    {
        { "identical parts", Recorded(15, null, A, B), Restored(15, Passed, null, A, B), true, "2 parts identical, CHECK TABLE passed", null },
        // The scratch copy merged at once: the originals are outdated but still listed, the merged part is extra.
        { "merged after the restore", Recorded(15, null, A, B), Restored(15, Passed, null, A with { Active = false }, B with { Active = false }, new("all_1_2_1", 15, 140, "cc")), true, "2 parts identical, CHECK TABLE passed", null },
        { "restored part names differ", Recorded(15, null, A, B), Restored(15, Passed, null, A with { Name = "all_7_7_0" }, B), true, "2 parts identical, CHECK TABLE passed", null },
        { "a part's files differ", Recorded(15, null, A, B), Restored(15, Passed, null, A, B with { Hash = "b0" }), false, "mismatch", "parts: 1 of 2 recorded parts were not restored byte-identical (all_2_2_0)" },
        { "fewer rows", Recorded(15, null, A, B), Restored(10, Passed, null, A), false, "mismatch", "rows: restored 10, recorded 15; parts: 1 of 2 recorded parts were not restored byte-identical (all_2_2_0)" },
        { "CHECK TABLE failed", Recorded(15, null, A, B), Restored(15, new TableIntegrity(false, "all_1_1_0: bad checksum"), null, A, B), false, "mismatch", "integrity: CHECK TABLE of the restored table failed: all_1_1_0: bad checksum" },
        { "engine without CHECK TABLE", Recorded(15, null, A, B), Restored(15, null, null, A, B), true, "2 parts identical, no CHECK TABLE for this engine", null },
        { "content read in full", Recorded(15, null, A, B), Restored(15, Passed, 42, A, B), true, "2 parts identical, CHECK TABLE passed, every row read", null },
        { "content read finds other rows", Recorded(15, null, A, B), Restored(14, Passed, 42, A, B), false, "mismatch", "rows: restored 14 (read in full), recorded 15" },
        { "rows unknown at backup time", Recorded(null, "rows not recorded: 1 of the backup's 2 parts (all_2_2_0) were gone", A), Restored(15, Passed, null, A, B), true, "rows not compared (rows not recorded: 1 of the backup's 2 parts (all_2_2_0) were gone), 1 parts identical, CHECK TABLE passed", null },
        { "parts not listed after the restore", Recorded(15, null, A), new TableFigures("shop", "t", "MergeTree", 15, null, null) { Integrity = Passed }, false, "mismatch", "parts: the restored table's parts could not be listed" },
        { "an empty table", Recorded(0), Restored(0, Passed, null), true, "0 parts identical, CHECK TABLE passed", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_table_is_proven_by_rows_parts_and_integrity(string because, BackupTableFigures recorded, TableFigures restored, bool passed, string evidence, string? problem)
    {
        var line = Assert.Single(VerifyComparison.Compare([recorded], [restored]));

        Assert.True(passed == line.Passed, because);
        Assert.Equal((evidence, problem), (line.Checksum, line.Problem));
    }

    [Fact]
    public void Older_figures_still_compare_checksums_and_a_failed_check_fails_them_too()
    {
        var older = new BackupTableFigures("shop", "t", "MergeTree", 10, null, 77, null, null);
        var restored = new TableFigures("shop", "t", "MergeTree", 10, 77, null) { Integrity = new TableIntegrity(false, "broken") };

        var line = Assert.Single(VerifyComparison.Compare([older], [restored]));

        Assert.Equal((false, "match", "integrity: CHECK TABLE of the restored table failed: broken"), (line.Passed, line.Checksum, line.Problem));
        Assert.True(VerifyComparison.NeedsChecksums([older]));
        Assert.False(VerifyComparison.NeedsChecksums([new BackupTableFigures("shop", "t", "MergeTree", 10, null, null, null, null) { Parts = [] }]));
    }
}
