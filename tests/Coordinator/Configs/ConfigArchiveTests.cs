using System.Security.Cryptography;
using System.Text;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Configs;

public sealed class ConfigArchiveTests
{
    private const string Prefix = "b/main/shard-1/full/20261122T020000Z/";
    private static readonly OperationId Operation = new("20261122T020000Z-1");
    private readonly InMemoryObjectStore _store = new();
    private readonly CatalogStore _catalog;
    private readonly ConfigArchive _archive;

    public ConfigArchiveTests()
    {
        _catalog = new CatalogStore(_store, new BackupLayout(new LayoutOptions("b", new ClusterName("main"))));
        _archive = new ConfigArchive(_store, _catalog, TimeProvider.System, NullLogger<ConfigArchive>.Instance);
    }

    [Fact]
    public async Task Files_that_were_not_asked_for_are_rejected_and_not_stored()
    {
        var rejection = await _archive.AcceptFileAsync("1", "r1", File("config.xml", "<clickhouse/>"), default);

        Assert.Contains("not asked for", rejection, StringComparison.Ordinal);
        Assert.Empty((await _store.ListAllAsync("", null, default)).Objects);
    }

    [Fact]
    public async Task An_expected_collection_stores_checked_files_and_a_listing_of_what_arrived()
    {
        _archive.Expect(Operation, "1", "r1", Prefix);

        Assert.Null(await _archive.AcceptFileAsync("1", "r1", File("config.xml", "<clickhouse/>"), default));
        Assert.Contains("'..' segment", await _archive.AcceptFileAsync("1", "r1", File("../escape.xml", "x"), default), StringComparison.Ordinal);
        Assert.Contains("SHA-256", await _archive.AcceptFileAsync("1", "r1", File("users.xml", "x") with { Sha256 = new string('0', 64) }, default), StringComparison.Ordinal);
        Assert.Contains("not asked for", await _archive.AcceptFileAsync("1", "r2", File("config.xml", "<other/>"), default), StringComparison.Ordinal);
        Assert.Null(await _archive.CompleteAsync("1", "r1", new ConfigCollected(Operation, "/etc/clickhouse-server",
            [Entry("config.xml", "<clickhouse/>"), Entry("lost.xml", "never sent")], [new RefusedConfigEntry("passwd", "leads outside")], null), default));

        var listing = Assert.Single(await _catalog.ReadConfigListingsAsync(Prefix, default));
        Assert.Equal(("r1", "/etc/clickhouse-server"), (listing.Replica, listing.Directory));
        Assert.Equal(["config.xml"], listing.Files.Select(f => f.Path));
        Assert.Equal(["passwd", "../escape.xml", "users.xml", "lost.xml"], listing.Refused.Select(r => r.Path));
        Assert.Equal("<clickhouse/>"u8.ToArray(), (await _store.GetAsync(BackupLayout.ConfigFileKey(Prefix, "r1", "config.xml"), default)).Data.ToArray());
        Assert.Contains("not asked for", await _archive.AcceptFileAsync("1", "r1", File("late.xml", "x"), default), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_name_that_cannot_be_a_key_segment_is_refused_up_front()
    {
        Assert.Throws<ArgumentException>(() => _archive.Expect(Operation, "1", "../r1", Prefix));
    }

    private static ConfigFileContent File(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new ConfigFileContent(Operation, path, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static ConfigFileEntry Entry(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new ConfigFileEntry(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
