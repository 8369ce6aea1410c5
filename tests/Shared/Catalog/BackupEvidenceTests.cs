using System.Text;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Catalog;

public sealed class BackupEvidenceTests
{
    private static readonly BackupTableFigures Reported = new("demo", "events", "MergeTree", 13, null, null, null, null)
    {
        Parts =
        [
            new("all_1_1_0", 10, 100, "aa") { Active = false },
            new("all_2_2_0", 2, 20, "bb") { Active = false },
            new("all_1_2_1", 12, 110, "cc") { Active = true },
            new("all_3_3_0", 1, 10, "dd") { Active = true },
        ],
    };

    public static TheoryData<string, string[], ulong?, bool> Cases => new()
    {
        // The BACKUP took its snapshot before a merge replaced two parts: the outdated parts are the backup's.
        { "merged after the snapshot", ["all_1_1_0", "all_2_2_0"], 12, false },
        // An insert after the snapshot is not in the backup.
        { "inserted after the snapshot", ["all_1_2_1"], 12, false },
        { "exactly the active parts", ["all_1_2_1", "all_3_3_0"], 13, false },
        // A part of the backup the server had already removed when the agent read system.parts: rows unknown.
        { "a part gone from system.parts", ["all_1_2_1", "all_4_4_0"], null, true },
        { "no part (empty table)", [], 0, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_reported_parts_are_narrowed_to_the_parts_the_backup_lists(string because, string[] listed, ulong? rows, bool noted)
    {
        var table = Assert.Single(BackupEvidence.Reconcile([Reported], Contents(listed)));

        Assert.True(rows == table.Rows, because);
        Assert.Equal(listed.Where(p => p != "all_4_4_0").Order(StringComparer.Ordinal), table.Parts!.Select(p => p.Name));
        Assert.All(table.Parts!, p => Assert.Null(p.Active));
        Assert.Equal(noted, table.Note is not null);
        if (noted)
        {
            Assert.Contains("all_4_4_0", table.Note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_the_backups_file_list_the_active_parts_are_kept_and_the_note_says_why()
    {
        var table = Assert.Single(BackupEvidence.Reconcile([Reported], null, "the .backup object is missing"));

        Assert.Equal(13UL, table.Rows);
        Assert.Equal(["all_1_2_1", "all_3_3_0"], table.Parts!.Select(p => p.Name));
        Assert.Contains("the .backup object is missing", table.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_without_parts_and_older_figures_pass_unchanged()
    {
        var log = new BackupTableFigures("demo", "lg", "Log", 3, null, null, null, null);
        var old = new BackupTableFigures("demo", "t", "MergeTree", 3, 4, 9, 10, null);

        Assert.Equal([log, old], BackupEvidence.Reconcile([log, old], Contents(["all_1_1_0"])));
    }

    private static NativeBackupContents Contents(string[] parts) => NativeBackupContents.Parse(new MemoryStream(Encoding.UTF8.GetBytes(
        "<config><contents>" + string.Concat(parts.Select(p => $"<file><name>data/demo/events/{p}/checksums.txt</name><size>1</size></file>")) + "</contents></config>")));
}
