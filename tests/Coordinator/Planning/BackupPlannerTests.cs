using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Planning;

public sealed class BackupPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    private static CatalogEntry Entry(string run, BackupKind kind, string? baseRun, int depth, int daysAgo) => new(
        RunId.Parse(run), kind, $"c/shard-1/{BackupLayout.KindSegment(kind)}/{run}/", baseRun is null ? null : RunId.Parse(baseRun), "r1",
        10, 100, 100, 100, Now.AddDays(-daysAgo), Now.AddDays(-daysAgo), depth, ["db"]);

    private static ShardCatalog Catalog(params CatalogEntry[] entries) =>
        ShardCatalog.Empty("c", "1", "shard-1") with { Backups = entries };

    private static readonly CatalogEntry Full = Entry("20261120T020000Z", BackupKind.Full, null, 0, 2);
    private static readonly CatalogEntry Inc1 = Entry("20261121T020000Z", BackupKind.Incremental, "20261120T020000Z", 1, 1);

    public static TheoryData<string, ShardCatalog, PlanningPolicy, bool, bool, BackupKind, string?, string> Cases => new()
    {
        { "empty catalog", Catalog(), PlanningPolicy.Default, false, true, BackupKind.Full, null, "no previous backup" },
        { "full requested", Catalog(Full, Inc1), PlanningPolicy.Default, true, true, BackupKind.Full, null, "requested" },
        { "chain on newest", Catalog(Full, Inc1), PlanningPolicy.Default, false, true, BackupKind.Incremental, "20261121T020000Z", "chain depth 2" },
        { "chain on full", Catalog(Full), PlanningPolicy.Default, false, true, BackupKind.Incremental, "20261120T020000Z", "chain depth 1" },
        { "base missing in S3", Catalog(Full, Inc1), PlanningPolicy.Default, false, false, BackupKind.Full, null, "base 20261121T020000Z is missing its .backup object in S3" },
        { "full too old", Catalog(Full, Inc1), new PlanningPolicy(2, 0), false, true, BackupKind.Full, null, "days old" },
        { "interval 0 never forces", Catalog(Entry("20251120T020000Z", BackupKind.Full, null, 0, 400)), new PlanningPolicy(0, 0), false, true, BackupKind.Incremental, "20251120T020000Z", "incremental" },
        { "max depth reached", Catalog(Full, Inc1), new PlanningPolicy(7, 1), false, true, BackupKind.Full, null, "max_chain_depth" },
        { "broken chain", Catalog(Inc1), PlanningPolicy.Default, false, true, BackupKind.Full, null, "broken" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plans(string name, ShardCatalog catalog, PlanningPolicy policy, bool fullRequested, bool baseExists, BackupKind kind, string? baseRun, string reason)
    {
        var plan = BackupPlanner.Plan(catalog, policy, fullRequested, Now, baseExists);

        Assert.True(kind == plan.Kind, $"{name}: expected {kind}, got {plan.Kind} ({plan.Reason})");
        Assert.Equal(baseRun, plan.Base?.RunId.Value);
        Assert.Contains(reason, plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeper_chain_link_missing_its_backup_object_starts_a_new_chain_naming_that_link()
    {
        var plan = BackupPlanner.Plan(Catalog(Full, Inc1), PlanningPolicy.Default, false, Now, Full.RunId);

        Assert.Equal((BackupKind.Full, 0), (plan.Kind, plan.ChainDepth));
        Assert.Equal("chain link 20261120T020000Z (under base 20261121T020000Z) is missing its .backup object in S3", plan.Reason);
    }

    [Fact]
    public void Links_run_from_the_backup_down_to_its_full_and_stop_where_a_base_is_unknown()
    {
        var inc2 = Entry("20261122T010000Z", BackupKind.Incremental, "20261121T020000Z", 2, 0);

        Assert.Equal([inc2, Inc1, Full], BackupPlanner.Links(Catalog(Full, Inc1, inc2), inc2));
        Assert.Equal([inc2, Inc1], BackupPlanner.Links(Catalog(Inc1, inc2), inc2));
        Assert.Equal([Full], BackupPlanner.Links(Catalog(Full), Full));
    }

    [Fact]
    public void A_failed_backup_never_becomes_a_base_because_only_successes_are_in_the_catalog()
    {
        var catalog = Catalog(Full).With(Inc1, Now);

        Assert.Equal(Inc1, BackupPlanner.CandidateBase(catalog));
        Assert.Equal(2, catalog.Backups.Count);
    }
}
