using ClickVault.Cluster.Coordinator.Describe;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Describe;

public sealed class BackupDescriptionsTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

    private static CatalogEntry Entry(string run, string? baseRun, int depth) => new(
        RunId.Parse(run), baseRun is null ? BackupKind.Full : BackupKind.Incremental,
        $"p/main/shard-1/{(baseRun is null ? "full" : "incremental")}/{run}/", baseRun is null ? null : RunId.Parse(baseRun), "r1",
        10, 1000, 2000, 500, T, T.AddMinutes(1), depth, ["shop"]);

    private static ShardCatalog Catalog(params CatalogEntry[] entries) =>
        new(1, "main", "1", "shard-1", T, [.. entries.OrderBy(e => e.RunId)]);

    private static readonly ShardCatalog Three = Catalog(
        Entry("20260101T020000Z", null, 0), Entry("20260102T020000Z", "20260101T020000Z", 1), Entry("20260103T020000Z", "20260102T020000Z", 2),
        Entry("20260104T020000Z", null, 0));

    [Fact]
    public void The_chain_runs_from_its_full_backup_up_to_the_backup()
    {
        var (links, complete) = BackupDescriptions.Chain(Three, Three.Backups[2], "20260102T020000Z");

        Assert.True(complete);
        Assert.Equal(["20260101T020000Z", "20260102T020000Z", "20260103T020000Z"], links.Select(l => l.RunId));
        Assert.Equal(["full", "incremental", "incremental"], links.Select(l => l.Kind));
        Assert.Equal([0, 1, 2], links.Select(l => l.ChainDepth));
    }

    [Fact]
    public void A_full_backup_is_a_chain_of_one()
    {
        var (links, complete) = BackupDescriptions.Chain(Three, Three.Backups[3], null);

        Assert.True(complete);
        Assert.Equal(["20260104T020000Z"], links.Select(l => l.RunId));
    }

    [Fact]
    public void A_backup_that_is_not_catalogued_shows_the_chain_of_its_base()
    {
        var (links, complete) = BackupDescriptions.Chain(Three, null, "20260103T020000Z");

        Assert.True(complete);
        Assert.Equal("20260103T020000Z", links[^1].RunId);
        Assert.Equal(3, links.Count);
    }

    [Fact]
    public void A_missing_base_makes_the_chain_incomplete()
    {
        var broken = Catalog(Entry("20260102T020000Z", "20260101T020000Z", 1), Entry("20260103T020000Z", "20260102T020000Z", 2));

        var (links, complete) = BackupDescriptions.Chain(broken, broken.Backups[1], "20260102T020000Z");
        var (none, baseMissing) = BackupDescriptions.Chain(broken, null, "20251231T020000Z");

        Assert.False(complete);
        Assert.Equal(["20260102T020000Z", "20260103T020000Z"], links.Select(l => l.RunId));
        Assert.Empty(none);
        Assert.False(baseMissing);
    }

    [Fact]
    public void The_sidecars_figures_win_over_the_runs()
    {
        var outcome = new ShardOutcome("1", "r1", "incremental", "20260102T020000Z", "succeeded", null, "chain depth 2 < 7",
            "p/main/shard-1/incremental/20260103T020000Z/", 9, 99, 999, 9999, T, T.AddMinutes(2))
        {
            ReplicaReason = "chain affinity: r1 took the chain's previous backup 20260102T020000Z",
        };
        var sidecar = new BackupSidecar(1, "20260103T020000Z-1", "incremental", "20260103T020000Z", "p/main/shard-1/incremental/20260102T020000Z/",
            "success", 1000, "shop", ["shop"], T.AddSeconds(1), T.AddSeconds(61), "main", "1", "r1", "20260103T020000Z", 10, 500, 2000,
            "26.5.3.1", 2, "20260102T020000Z");

        var described = BackupDescriptions.Shard("20260103T020000Z", "main",
            new ShardRecord(outcome, sidecar, outcome.Prefix + ".clickvault_meta.json", Three));
        var withoutSidecar = BackupDescriptions.Shard("20260103T020000Z", "main", new ShardRecord(outcome, null, null, Three));

        Assert.Equal((10UL, 1000UL, 500UL, 2000UL, "26.5.3.1", (int?)2), (described.NumFiles, described.TotalSize, described.CompressedSize,
            described.UncompressedSize, described.ClickHouseVersion, described.ChainDepth));
        Assert.Equal((T.AddSeconds(1), T.AddSeconds(61), 60.0), (described.StartedAt!.Value, described.FinishedAt!.Value, described.DurationSeconds!.Value));
        Assert.True(described.Restorable);
        Assert.Equal(3, described.Chain.Count);
        Assert.Equal((9UL, 99UL, 9999UL, 999UL), (withoutSidecar.NumFiles, withoutSidecar.TotalSize, withoutSidecar.CompressedSize, withoutSidecar.UncompressedSize));
        Assert.False(withoutSidecar.Restorable);
        Assert.Null(withoutSidecar.SidecarKey);
        Assert.All(new[] { described, withoutSidecar }, d => Assert.Equal(outcome.ReplicaReason, d.ReplicaReason));
    }
}
