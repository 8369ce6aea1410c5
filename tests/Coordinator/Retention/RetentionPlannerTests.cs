using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Retention.RetentionCatalog;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class RetentionPlannerTests
{
    private const RetentionDecision Keep = RetentionDecision.Keep;
    private const RetentionDecision Remove = RetentionDecision.Remove;

    /// <summary>The expected decision for the backup of <paramref name="Day"/> and a substring of its reason.</summary>
    public sealed record Expect(string Day, RetentionDecision Decision, string Reason);

    public static TheoryData<string, ShardCatalog, RetentionPolicy, string[], Expect[], string[]> Cases => new()
    {
        {
            "empty catalog", Of(), new(1), [], [], []
        },
        {
            "one chain: nothing removed",
            Of(Full("1101"), Inc("1102", "1101"), Inc("1103", "1102")), new(1), [],
            [new("1101", Keep, "newest chain is always kept"), new("1102", Keep, "newest chain is always kept"), new("1103", Keep, "newest chain is always kept")],
            []
        },
        {
            "3 chains, keep 2: the oldest goes",
            Of(Full("1101"), Inc("1102", "1101"), Full("1108"), Inc("1109", "1108"), Full("1115"), Inc("1116", "1115")), new(2), [],
            [
                new("1101", Remove, "chain beyond keep_full_backups = 2 (keep_days not set)"), new("1102", Remove, "chain beyond keep_full_backups = 2"),
                new("1108", Keep, "chain 2 of 2 kept (keep_full_backups = 2)"), new("1109", Keep, "chain 2 of 2 kept"),
                new("1115", Keep, "newest chain is always kept"), new("1116", Keep, "newest chain"),
            ],
            ["1102", "1101"]
        },
        {
            "keep_days protects a recent chain beyond the count, not an old one",
            Of(Full("1101"), Inc("1102", "1101"), Full("1108"), Inc("1109", "1108"), Full("1115")), new(1, 14), [],
            [
                new("1101", Remove, "chain beyond keep_full_backups = 1 and its newest restore point 20261102T020000Z is older than keep_days = 14"),
                new("1102", Remove, "older than keep_days = 14"),
                new("1108", Keep, "chain beyond keep_full_backups = 1 kept: its newest restore point 20261109T020000Z is within keep_days = 14"),
                new("1109", Keep, "is within keep_days = 14"),
                new("1115", Keep, "newest chain is always kept"),
            ],
            ["1102", "1101"]
        },
        {
            "keep_days does not protect an old chain",
            Of(Full("1101"), Full("1108"), Inc("1109", "1108"), Full("1115")), new(2, 7), [],
            [
                new("1101", Remove, "newest restore point 20261101T020000Z is older than keep_days = 7"),
                new("1108", Keep, "chain 2 of 2 kept"), new("1109", Keep, "chain 2 of 2 kept"),
                new("1115", Keep, "newest chain is always kept"),
            ],
            ["1101"]
        },
        {
            "keep_days counts from the newest restore point, not the full",
            Of(Full("1101"), Inc("1102", "1101"), Inc("1119", "1102"), Full("1120")), new(1, 7), [],
            [
                new("1101", Keep, "newest restore point 20261119T020000Z is within keep_days = 7"),
                new("1102", Keep, "within keep_days = 7"), new("1119", Keep, "within keep_days = 7"),
                new("1120", Keep, "newest chain is always kept"),
            ],
            []
        },
        {
            "a chain with a backup in progress is kept",
            Of(Full("1101"), Inc("1102", "1101"), Full("1108"), Inc("1109", "1108"), Full("1115")), new(1), ["1102"],
            [
                new("1101", Keep, "chain has a backup in progress (20261102T020000Z"), new("1102", Keep, "chain has a backup in progress"),
                new("1108", Remove, "chain beyond keep_full_backups = 1"), new("1109", Remove, "chain beyond keep_full_backups = 1"),
                new("1115", Keep, "newest chain is always kept"),
            ],
            ["1109", "1108"]
        },
        {
            "deep chain: newest incremental first, the full last",
            Of(Full("1101"), Inc("1102", "1101"), Inc("1103", "1102"), Inc("1104", "1103"), Inc("1105", "1104"), Inc("1106", "1105"), Full("1110")),
            new(1), [],
            [
                new("1101", Remove, "beyond"), new("1102", Remove, "beyond"), new("1103", Remove, "beyond"), new("1104", Remove, "beyond"),
                new("1105", Remove, "beyond"), new("1106", Remove, "beyond"), new("1110", Keep, "newest chain"),
            ],
            ["1106", "1105", "1104", "1103", "1102", "1101"]
        },
        {
            "damaged: the newest incremental bases on the previous chain, which then holds the newest restore point",
            Of(Full("1101"), Full("1108"), Inc("1109", "1108"), Inc("1110", "1109"), Full("1115"), Inc("1116", "1110")), new(1), [],
            [
                new("1101", Remove, "chain beyond keep_full_backups = 1"),
                new("1108", Keep, "chain holds the shard's newest restore point 20261116T020000Z"), new("1109", Keep, "newest restore point"),
                new("1110", Keep, "newest restore point"), new("1116", Keep, "newest restore point"),
                new("1115", Keep, "newest chain is always kept"),
            ],
            ["1101"]
        },
        {
            "a kept orphan keeps the older orphan it depends on",
            Of(Inc("1103", "1031"), Full("1105"), Inc("1106", "1105"), Full("1110"), Inc("1112", "1103")), new(2), [],
            [
                new("1103", Keep, "a kept backup depends on it (20261112T020000Z builds on it)"),
                new("1105", Keep, "chain 2 of 2 kept"), new("1106", Keep, "chain 2 of 2 kept"),
                new("1110", Keep, "newest chain"),
                new("1112", Keep, "orphan: it builds on 20261103T020000Z, an orphan: its base 20261031T020000Z is not in the catalog"),
            ],
            []
        },
        {
            "orphans older than the kept chains go, newest first",
            Of(Inc("1102", "1031"), Inc("1103", "1102"), Inc("1104", null), Full("1105"), Inc("1106", "1105")), new(1), [],
            [
                new("1102", Remove, "orphan: its base 20261031T020000Z is not in the catalog, so it cannot be restored; older than the oldest kept chain (20261105T020000Z)"),
                new("1103", Remove, "orphan: it builds on 20261102T020000Z, an orphan: its base 20261031T020000Z is not in the catalog"),
                new("1104", Remove, "orphan: it is an incremental without a base"),
                new("1105", Keep, "newest chain"), new("1106", Keep, "newest chain"),
            ],
            ["1104", "1103", "1102"]
        },
        {
            "an orphan newer than the oldest kept chain stays (the catalog may be stale)",
            Of(Full("1105"), Inc("1107", "1106")), new(1), [],
            [new("1105", Keep, "newest chain"), new("1107", Keep, "kept: it is not older than the oldest kept chain (20261105T020000Z)")],
            []
        },
        {
            "keep_days also protects a recent orphan",
            Of(Inc("1116", "1115"), Full("1117")), new(1, 14), [],
            [new("1116", Keep, "orphan: its base 20261115T020000Z is not in the catalog, so it cannot be restored; kept: it is within keep_days = 14"), new("1117", Keep, "newest chain")],
            []
        },
        {
            "an old orphan beyond keep_days goes",
            Of(Inc("1101", "1031"), Full("1117")), new(1, 14), [],
            [new("1101", Remove, "older than the oldest kept chain (20261117T020000Z) and than keep_days = 14"), new("1117", Keep, "newest chain")],
            ["1101"]
        },
        {
            "only orphans: nothing to compare with, nothing removed",
            Of(Inc("1101", "1031"), Inc("1102", "1101")), new(1), [],
            [new("1101", Keep, "no complete chain to compare its age with"), new("1102", Keep, "no complete chain")],
            []
        },
        {
            "an orphan in use by an operation stays",
            Of(Inc("1101", "1031"), Full("1105")), new(1), ["1101"],
            [new("1101", Keep, "kept: an operation in progress uses it"), new("1105", Keep, "newest chain")],
            []
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plans(string name, ShardCatalog catalog, RetentionPolicy policy, string[] inProgress, Expect[] expected, string[] deletionOrder)
    {
        var plan = RetentionPlanner.Plan(catalog, policy, Now, inProgress.Select(Run).ToHashSet());

        Assert.Equal(catalog.Backups.Select(b => b.RunId).Order(), plan.Items.Select(i => i.Backup.RunId));
        Assert.Equal(expected.Length, plan.Items.Count);
        foreach (var e in expected)
        {
            var item = plan.For(Run(e.Day));
            Assert.True(e.Decision == item.Decision, $"{name}: {e.Day} expected {e.Decision}, got {item.Decision} ({item.Reason})");
            Assert.True(item.Reason.Contains(e.Reason, StringComparison.Ordinal), $"{name}: {e.Day} reason '{item.Reason}' lacks '{e.Reason}'");
        }
        Assert.Equal(deletionOrder.Select(Run), plan.DeletionOrder.Select(b => b.RunId));
        Assert.Equal(
            catalog.Backups.Where(b => !deletionOrder.Select(Run).Contains(b.RunId)).Select(b => b.RunId),
            plan.Resulting.Backups.Select(b => b.RunId));
    }

    [Fact]
    public void The_newest_chain_survives_weird_inputs()
    {
        // Listed newest first, the clock years ahead, keep_days 1, an unknown run "in progress", a newer orphan.
        var catalog = Of(Inc("1120", "1119"), Inc("1116", "1115"), Full("1115"), Inc("1102", "1101"), Full("1101"));
        var farFuture = Now.AddYears(5);

        var plan = RetentionPlanner.Plan(catalog, new RetentionPolicy(1, 1), farFuture, new HashSet<RunId> { Run("1231") });

        Assert.Equal(Keep, plan.For(Run("1115")).Decision);
        Assert.Equal(Keep, plan.For(Run("1116")).Decision);
        Assert.Contains("newest chain is always kept", plan.For(Run("1115")).Reason, StringComparison.Ordinal);
        Assert.Equal(Keep, plan.For(Run("1120")).Decision);
        Assert.Equal([Run("1102"), Run("1101")], plan.DeletionOrder.Select(b => b.RunId));
    }

    [Fact]
    public void The_resulting_catalog_drops_the_removed_backups_and_is_stamped_now()
    {
        var catalog = Of(Full("1101"), Inc("1102", "1101"), Full("1108"));

        var plan = RetentionPlanner.Plan(catalog, new RetentionPolicy(1), Now, new HashSet<RunId>());

        Assert.Equal([Run("1108")], plan.Resulting.Backups.Select(b => b.RunId));
        Assert.Equal(Now, plan.Resulting.UpdatedAt);
        Assert.Equal((catalog.Cluster, catalog.Shard, catalog.ShardPath), (plan.Resulting.Cluster, plan.Resulting.Shard, plan.Resulting.ShardPath));
    }

    [Fact]
    public void Nothing_to_remove_leaves_the_catalog_untouched()
    {
        var catalog = Of(Full("1101"), Full("1108"));

        var plan = RetentionPlanner.Plan(catalog, new RetentionPolicy(2), Now, new HashSet<RunId>());

        Assert.Same(catalog, plan.Resulting);
    }

    [Fact]
    public void An_invalid_policy_is_refused_naming_the_keys()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            RetentionPlanner.Plan(Of(Full("1101")), new RetentionPolicy(0, 0), Now, new HashSet<RunId>()));

        Assert.Contains("retention.keep_full_backups must be at least 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("retention.keep_days must be at least 1 when set", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, null, 0)]
    [InlineData(3, 30, 0)]
    [InlineData(0, null, 1)]
    [InlineData(2, 0, 1)]
    [InlineData(-1, -5, 2)]
    public void Policy_validation_counts_problems(int keepFull, int? keepDays, int problems)
    {
        Assert.Equal(problems, new RetentionPolicy(keepFull, keepDays).Validate().Count);
    }

    [Fact]
    public void A_catalog_listing_a_run_twice_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            RetentionPlanner.Plan(Of(Full("1101"), Full("1101")), new RetentionPolicy(1), Now, new HashSet<RunId>()));

        Assert.Contains("lists backup 20261101T020000Z more than once", e.Message, StringComparison.Ordinal);
    }
}
