using ClickVault.Cluster.Coordinator.Freshness;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Freshness;

public sealed class FreshnessDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 4, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(26);

    private static CatalogEntry Backup(DateTimeOffset started) => new(
        RunId.From(started), BackupKind.Full, "p/", null, "r1", 1, 1, 1, 1, started, started.AddMinutes(5), 0, ["shop"]);

    [Fact]
    public void Every_shard_younger_than_the_maximum_age_is_ok()
    {
        var check = FreshnessDecisions.Evaluate("main", Now, Day,
            [new ShardFreshness("1", true, Backup(Now.AddHours(-2)), null), new ShardFreshness("2", false, Backup(Now.AddHours(-25)), null)]);

        Assert.True(check.Ok);
        Assert.Equal([7200L, 90000L], check.Shards.Select(s => s.AgeSeconds!.Value));
        Assert.Equal(Day.TotalSeconds, check.MaxAgeSeconds);
        Assert.Equal("20260102T020000Z", check.Shards[0].NewestRunId);
    }

    [Fact]
    public void A_shard_that_is_too_old_has_no_backup_or_an_unreadable_catalog_is_not_ok()
    {
        var check = FreshnessDecisions.Evaluate("main", Now, Day,
        [
            new ShardFreshness("1", true, Backup(Now.AddHours(-2)), null),
            new ShardFreshness("2", true, null, null),
            new ShardFreshness("3", true, Backup(Now.AddHours(-26)), null),
            new ShardFreshness("4", false, null, "catalog document 'x' is unreadable: boom"),
        ]);

        Assert.False(check.Ok);
        Assert.Equal([true, false, false, false], check.Shards.Select(s => s.Ok));
        Assert.Equal("no good backup at all", check.Shards[1].Detail);
        Assert.Equal("newest good backup 20260101T020000Z is older than the maximum age", check.Shards[2].Detail);
        Assert.Equal("catalog document 'x' is unreadable: boom", check.Shards[3].Detail);
    }

    [Fact]
    public void No_known_shard_is_not_ok()
    {
        var check = FreshnessDecisions.Evaluate("main", Now, Day, []);

        Assert.False(check.Ok);
        Assert.StartsWith("no shard is known", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_from_the_future_counts_as_age_zero()
    {
        var check = FreshnessDecisions.Evaluate("main", Now, Day, [new ShardFreshness("1", true, Backup(Now.AddMinutes(3)), null)]);

        Assert.Equal(0L, check.Shards[0].AgeSeconds);
        Assert.True(check.Ok);
    }
}
