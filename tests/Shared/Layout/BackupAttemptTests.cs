using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Layout;

/// <summary>Attempt labels, and the backup ids and folders built from them: a retry never reuses the first attempt's names.</summary>
public sealed class BackupAttemptTests
{
    private static readonly RunId Run = RunId.Parse("20261122T023000Z");
    private static readonly BackupLayout Layout = new(new LayoutOptions("p", new ClusterName("c")));

    [Theory]
    [InlineData(1, "20261122T023000Z", "p/c/shard-1/full/20261122T023000Z/", "20261122T023000Z-1")]
    [InlineData(2, "20261122T023000Z.a2", "p/c/shard-1/full/20261122T023000Z.a2/", "20261122T023000Z.a2-1")]
    [InlineData(99, "20261122T023000Z.a99", "p/c/shard-1/full/20261122T023000Z.a99/", "20261122T023000Z.a99-1")]
    public void An_attempt_names_its_folder_and_backup_id_and_parses_back(int number, string label, string prefix, string id)
    {
        var attempt = new BackupAttempt(Run, number);

        Assert.Equal(label, attempt.Label);
        Assert.Equal(prefix, Layout.BackupPrefix("shard-1", BackupKind.Full, attempt));
        Assert.Equal(id, OperationId.ForBackup(attempt, new ShardId("1")).Value);
        Assert.True(BackupAttempt.TryParse(label, out var parsed));
        Assert.Equal(attempt, parsed);
        Assert.True(Layout.TryParseAttemptPrefix(prefix, out var shardPath, out var kind, out var fromPrefix));
        Assert.Equal(("shard-1", BackupKind.Full, attempt), (shardPath, kind, fromPrefix));
        Assert.True(OperationId.TryParseBackup(id, out var fromId, out var shard));
        Assert.Equal((attempt, "1"), (fromId, shard.Value));
    }

    [Fact]
    public void The_first_attempt_keeps_the_names_of_before_attempts()
    {
        Assert.Equal(Layout.BackupPrefix("shard-1", BackupKind.Incremental, Run), Layout.BackupPrefix("shard-1", BackupKind.Incremental, BackupAttempt.FirstOf(Run)));
        Assert.Equal(OperationId.ForBackup(Run, new ShardId("2")), OperationId.ForBackup(BackupAttempt.FirstOf(Run), new ShardId("2")));
        Assert.Equal(2, BackupAttempt.FirstOf(Run).Next().Number);
    }

    [Theory]
    [InlineData("20261122T023000Z.a1")]
    [InlineData("20261122T023000Z.a02")]
    [InlineData("20261122T023000Z.a100")]
    [InlineData("20261122T023000Z.a")]
    [InlineData("20261122T023000Z.b2")]
    [InlineData("20261122T023000Z-a2")]
    [InlineData("20261122T023000")]
    [InlineData("yesterday.a2")]
    [InlineData("")]
    public void Other_names_are_not_attempts(string text)
    {
        Assert.False(BackupAttempt.TryParse(text, out _));
        Assert.False(Layout.TryParseBackupPrefix($"p/c/shard-1/full/{text}/", out _, out _, out RunId _));
    }

    [Theory]
    [InlineData("20261122T023000Z-eu-1.x", 1, "eu-1.x")]
    [InlineData("20261122T023000Z.a2-a2-1", 2, "a2-1")]
    [InlineData("20261122T023000Z-a2", 1, "a2")]
    public void A_shard_id_holding_dots_or_dashes_stays_whole(string id, int attempt, string shard)
    {
        Assert.True(OperationId.TryParseBackup(id, out var parsed, out var parsedShard));
        Assert.Equal((Run, attempt, shard), (parsed.Run, parsed.Number, parsedShard.Value));
    }

    [Theory]
    [InlineData("20261122T023000Z")]
    [InlineData("20261122T023000Z-")]
    [InlineData("20261122T023000Z.a2")]
    [InlineData("20261122T023000Z.a1-1")]
    [InlineData("20261122T023000Z-bad shard")]
    [InlineData("restore-20261122T023000Z-1-r1")]
    public void Texts_that_are_no_backup_id_do_not_parse(string text) =>
        Assert.False(OperationId.TryParseBackup(text, out _, out _));

    [Fact]
    public void Any_attempt_folder_of_the_run_is_where_the_layout_puts_its_backup_and_nothing_else_is()
    {
        var second = Layout.BackupPrefix("shard-1", BackupKind.Full, new BackupAttempt(Run, 2));

        Assert.True(Layout.IsBackupPrefix(Layout.BackupPrefix("shard-1", BackupKind.Full, Run), "shard-1", BackupKind.Full, Run));
        Assert.True(Layout.IsBackupPrefix(second, "shard-1", BackupKind.Full, Run));
        Assert.False(Layout.IsBackupPrefix(second, "shard-2", BackupKind.Full, Run));
        Assert.False(Layout.IsBackupPrefix(second, "shard-1", BackupKind.Incremental, Run));
        Assert.False(Layout.IsBackupPrefix(second, "shard-1", BackupKind.Full, RunId.Parse("20261123T023000Z")));
        Assert.False(Layout.IsBackupPrefix("p/c/", "shard-1", BackupKind.Full, Run));
    }
}
