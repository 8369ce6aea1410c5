using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Layout;

public sealed class BackupLayoutEventsTests
{
    private static readonly RunId Run = RunId.Parse("20261122T023000Z");

    [Fact]
    public void Run_events_live_under_events_apart_from_the_manifests()
    {
        var layout = new BackupLayout(new LayoutOptions("/backups/prod/", new ClusterName("main")));

        Assert.Equal("backups/prod/main/events/", layout.EventsPrefix);
        Assert.Equal("backups/prod/main/events/20261122T023000Z.json", layout.RunEventsKey(Run));
        Assert.False(layout.RunEventsKey(Run).StartsWith(layout.RunsPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void A_backup_prefix_splits_back_into_shard_path_kind_and_run()
    {
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c"), "{layer}/s{shard}"));
        var shardPath = layout.ShardPath(new Dictionary<string, string> { ["layer"] = "eu", ["shard"] = "3" });

        Assert.True(layout.TryParseBackupPrefix(layout.BackupPrefix(shardPath, BackupKind.Incremental, Run), out var parsed, out var kind, out var run));
        Assert.Equal(("eu/s3", BackupKind.Incremental, Run), (parsed, kind, run));
    }

    [Theory]
    [InlineData("other/c/shard-1/full/20261122T023000Z/")]
    [InlineData("p/c/shard-1/full/20261122T023000Z")]
    [InlineData("p/c/shard-1/weekly/20261122T023000Z/")]
    [InlineData("p/c/shard-1/full/yesterday/")]
    [InlineData("p/c/full/20261122T023000Z/")]
    [InlineData("p/c/../full/20261122T023000Z/")]
    public void Keys_this_layout_did_not_compute_do_not_parse(string prefix)
    {
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c")));

        Assert.False(layout.TryParseBackupPrefix(prefix, out _, out _, out _));
    }
}
