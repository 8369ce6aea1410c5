using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Layout;

public sealed class BackupLayoutTests
{
    private static readonly RunId Run = RunId.Parse("20261122T023000Z");

    [Fact]
    public void Every_key_of_layout_version_1()
    {
        var layout = new BackupLayout(new LayoutOptions("/backups/prod/", new ClusterName("main")));
        var shard = layout.ShardPath(new ShardId("01"));

        Assert.Equal("shard-01", shard);
        Assert.Equal("backups/prod/main/", layout.ClusterRoot);
        Assert.Equal("backups/prod/main/shard-01/full/20261122T023000Z/", layout.BackupPrefix(shard, BackupKind.Full, Run));
        Assert.Equal("backups/prod/main/shard-01/incremental/20261122T023000Z/", layout.BackupPrefix(shard, BackupKind.Incremental, Run));
        Assert.Equal("backups/prod/main/shard-01/full/20261122T023000Z/.clickvault_meta.json", layout.SidecarKey(shard, BackupKind.Full, Run));
        Assert.Equal("backups/prod/main/shard-01/full/20261122T023000Z/.backup", layout.NativeMetadataKey(shard, BackupKind.Full, Run));
        Assert.Equal("backups/prod/main/shard-01/catalog.json", layout.CatalogKey(shard));
        Assert.Equal("backups/prod/main/runs/20261122T023000Z.json", layout.RunManifestKey(Run));
        Assert.Equal("backups/prod/main/journal/", layout.JournalPrefix);
    }

    [Fact]
    public void An_empty_prefix_puts_the_cluster_at_the_bucket_root()
    {
        var layout = new BackupLayout(new LayoutOptions("", new ClusterName("c")));

        Assert.Equal("c/shard-2/catalog.json", layout.CatalogKey(layout.ShardPath(new ShardId("2"))));
    }

    [Fact]
    public void The_template_expands_every_macro_of_the_shard()
    {
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c"), "{layer}/s{shard}"));

        Assert.Equal("eu/s3", layout.ShardPath(new Dictionary<string, string> { ["layer"] = "eu", ["shard"] = "3", ["replica"] = "r1" }));
    }

    [Theory]
    [InlineData("{replica}", "must contain {shard}")]
    [InlineData("../{shard}", "must contain {shard}")]
    [InlineData("a b/{shard}", "must contain {shard}")]
    public void Bad_templates_are_refused_with_the_template_named(string template, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new BackupLayout(new LayoutOptions("p", new ClusterName("c"), template)));

        Assert.Contains($"'{template}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macro_the_server_lacks_or_an_unsafe_macro_value_is_named()
    {
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c"), "{zone}-{shard}"));

        Assert.Contains("'{zone}'", Assert.Throws<ArgumentException>(() => layout.ShardPath(new ShardId("1"))).Message, StringComparison.Ordinal);
        Assert.Contains("'../x'", Assert.Throws<ArgumentException>(() =>
            layout.ShardPath(new Dictionary<string, string> { ["zone"] = "../x", ["shard"] = "1" })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a/b c")]
    public void Unsafe_prefixes_are_refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => new BackupLayout(new LayoutOptions(prefix, new ClusterName("c"))));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("x y")]
    public void Shard_ids_and_cluster_names_must_be_key_safe(string value)
    {
        Assert.Throws<ArgumentException>(() => new ShardId(value));
        Assert.Throws<ArgumentException>(() => new ClusterName(value));
    }

    [Fact]
    public void Run_ids_are_utc_seconds_and_order_by_time()
    {
        var id = RunId.From(new DateTimeOffset(2026, 11, 22, 4, 30, 15, 999, TimeSpan.FromHours(2)));

        Assert.Equal("20261122T023015Z", id.Value);
        Assert.Equal(id, RunId.Parse(id.Value));
        Assert.True(RunId.Parse("20261122T023016Z").CompareTo(id) > 0);
        Assert.Contains("'2026-11-22'", Assert.Throws<FormatException>(() => RunId.Parse("2026-11-22")).Message, StringComparison.Ordinal);
    }
}
