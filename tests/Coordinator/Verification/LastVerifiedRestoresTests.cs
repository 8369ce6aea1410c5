using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Api;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Verification;

public sealed class LastVerifiedRestoresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_shard_shows_its_most_recently_verified_backup_in_shard_order_or_none()
    {
        var older = new LastVerifiedView(Now.AddDays(-2), true, "replica-1", "3 table(s) match, 3 by checksum");
        var newer = new LastVerifiedView(Now.AddDays(-1), false, "replica-2", "db.events: restored 9 rows, recorded 10");
        BackupView[] backups =
        [
            Backup("10", "20261120T020000Z", null),
            Backup("2", "20261119T020000Z", older),
            Backup("2", "20261120T020000Z", newer),
            Backup("2", "20261121T020000Z", null),
            Backup("1", "20261119T020000Z", older),
        ];

        var shards = LastVerifiedRestores.From(backups);

        Assert.Equal(
            [new ShardVerifiedView("1", "20261119T020000Z", older), new ShardVerifiedView("2", "20261120T020000Z", newer), new ShardVerifiedView("10", null, null)],
            shards);
    }

    [Fact]
    public void No_backups_no_shards()
    {
        Assert.Empty(LastVerifiedRestores.From([]));
    }

    private static BackupView Backup(string shard, string run, LastVerifiedView? verified) =>
        new(shard, run, "full", null, "replica-1", 0, 3, 100, 200, Now, Now, $"p/shard-{shard}/full/{run}/") { LastVerified = verified };
}
