using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Shards;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

public sealed class VerifyPlannerTests
{
    private static readonly RunId Run = RunId.Parse("20260101T020000Z");

    [Theory]
    [InlineData("1", "shop", "clickvault_verify_20260101T020000Z_1_shop")]
    [InlineData("eu-1", "web.logs", "clickvault_verify_20260101T020000Z_eu_1_web_logs")]
    [InlineData("2", "données", "clickvault_verify_20260101T020000Z_2_donn_es")]
    public void The_scratch_database_names_run_shard_and_database_as_a_plain_identifier(string shard, string database, string expected) =>
        Assert.Equal(expected, VerifyPlanner.ScratchDatabase(Run, new ShardId(shard), database).Value);

    [Fact]
    public void A_scratch_name_too_long_for_ClickHouse_is_refused_naming_the_database()
    {
        var e = Assert.Throws<RestoreRefusedException>(() => VerifyPlanner.ScratchDatabase(Run, new ShardId("1"), new string('d', 260)));

        Assert.Equal(400, e.Status);
        Assert.StartsWith("shard 1: no scratch database for ddd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_busy_with_a_backup_is_avoided_while_another_is_healthy()
    {
        ReplicaCandidate[] candidates = [new("replica-1", true, true, null), new("replica-2", true, true, DateTimeOffset.UnixEpoch.AddDays(1))];

        var free = VerifyPlanner.ChooseReplica(candidates, new HashSet<string> { "replica-1" }, []);
        var onlyBusy = VerifyPlanner.ChooseReplica([candidates[0], candidates[1] with { ClickHouseReachable = false }], new HashSet<string> { "replica-1" }, []);
        var none = VerifyPlanner.ChooseReplica([candidates[0] with { Connected = false }], new HashSet<string>(), []);

        Assert.Equal(("replica-2", "only healthy replica, not busy with a backup"), (free.Replica, free.Reason));
        Assert.Equal("replica-1", onlyBusy.Replica);
        Assert.False(none.Found);
    }

    [Fact]
    public void A_shard_passes_only_without_errors_with_tables_all_matching()
    {
        VerifyTableView ok = new("shop", "t", true, "1", 1, "match", null);
        VerifyTableView bad = ok with { Passed = false, Problem = "rows: restored 0, recorded 1" };

        Assert.True(VerifyPlanner.Passed(null, null, [ok]));
        Assert.False(VerifyPlanner.Passed(null, null, []));
        Assert.False(VerifyPlanner.Passed(null, null, [ok, bad]));
        Assert.False(VerifyPlanner.Passed(null, "RESTORE failed", [ok]));
        Assert.False(VerifyPlanner.Passed("no replica", null, [ok]));
    }

    [Fact]
    public void The_summary_counts_matches_or_names_the_first_problems()
    {
        VerifyTableView ok = new("shop", "a", true, "1", 1, "match", null);
        VerifyShardView passed = new("1", "20260101T020000Z", "p/", "replica-1", true, 1, null, null, [], [ok, ok with { Table = "b", Checksum = "not compared: x" }]);
        var failed = passed with
        {
            Passed = false, RestoreError = "replica-1: Code: 27. file data/shop/b missing",
            Tables = [ok, ok with { Table = "b", Passed = false, Problem = "missing: gone" }],
        };

        Assert.Equal("2 table(s) match, 1 by checksum", VerifyPlanner.Summary(passed));
        Assert.Equal("restore failed: replica-1: Code: 27. file data/shop/b missing; shop.b: missing: gone", VerifyPlanner.Summary(failed));
    }

    [Fact]
    public void Recording_a_verification_marks_only_that_backup()
    {
        CatalogEntry Entry(string run) => new(RunId.Parse(run), BackupKind.Full, $"p/{run}/", null, "replica-1", 1, 1, 1, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, ["shop"]);
        var catalog = ShardCatalog.Empty("c", "1", "shard-1") with { Backups = [Entry("20260101T020000Z"), Entry("20260102T020000Z")] };
        var mark = new LastVerification(DateTimeOffset.UnixEpoch, true, "replica-2", "1 table(s) match, 1 by checksum");

        var after = ChainActor.WithVerification(catalog, new RecordVerification("shard-1", Run, mark));
        var unknown = ChainActor.WithVerification(catalog, new RecordVerification("shard-1", RunId.Parse("20250101T020000Z"), mark));

        Assert.Equal([mark, null], after.Backups.Select(b => b.LastVerified));
        Assert.Equal(catalog.Backups, unknown.Backups);
    }
}
