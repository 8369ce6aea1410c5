using System.Security.Cryptography;
using System.Text;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Integration.Tests.Operator;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Configs;

/// <summary>Every replica's configuration directory stored with its shard's backup, through real agents, coordinator and s3rver.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class ConfigBackupTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task Every_replicas_config_directory_is_stored_under_the_backup_and_listed_in_the_sidecar()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "configs");
        await scenario.CreateDataAsync(1_000);

        var run = await scenario.RunAsync();

        Assert.Equal("succeeded", run.State);
        using var store = new S3ObjectStore(scenario.S3Options());
        var catalog = Catalog(scenario, store);
        foreach (var shard in new[] { "1", "2" })
        {
            var prefix = catalog.Layout.BackupPrefix(catalog.Layout.ShardPath(new ShardId(shard)), BackupKind.Full, RunId.Parse(run.RunId));
            var sidecar = (await catalog.ReadSidecarAsync(prefix, default))!;
            Assert.Equal(["replica-1", "replica-2"], sidecar.Configs!.Select(c => c.Replica));
            foreach (var listing in sidecar.Configs!)
            {
                var node = scenario.Cluster.Nodes.Single(n => ClusterScenario.ShardId(n) == shard && n.Replica == listing.Replica);
                var expected = await File.ReadAllBytesAsync(node.ConfigFile);
                Assert.Null(listing.Error);
                var file = Assert.Single(listing.Files);
                Assert.Equal(("config.xml", expected.LongLength, Convert.ToHexStringLower(SHA256.HashData(expected))), (file.Path, file.Size, file.Sha256));
                var stored = await store.GetAsync(BackupLayout.ConfigFileKey(prefix, listing.Replica, "config.xml"), default);
                Assert.Equal(expected, stored.Data.ToArray());
            }
        }

        var downloaded = await scenario.Coordinator.GetAsync(ConfigRoutes.ConfigsPath("latest") + "?shard=2&replica=replica-2", ConfigApiJson.Default.IReadOnlyListShardConfigsView);
        var replica = Assert.Single(Assert.Single(downloaded).Replicas);
        var s2r2 = scenario.Cluster.Nodes.Single(n => n.Name == "s2r2");
        Assert.Equal(await File.ReadAllBytesAsync(s2r2.ConfigFile), Assert.Single(replica.Files).Content);

        // The operator's way back: clickvault restore latest --configs-to DIR writes every replica's files.
        var target = Path.Combine(Directory.CreateTempSubdirectory("clickvault-configs-to-").FullName, "restored");
        try
        {
            var cli = new OperatorCli(scenario.Coordinator);
            var restored = await cli.RunAsync("restore", "latest", "--configs-to", target);
            Assert.True(restored.ExitCode == 0, restored.ToString());
            foreach (var node in scenario.Cluster.Nodes)
            {
                var written = Path.Combine(target, $"shard-{ClusterScenario.ShardId(node)}", node.Replica, "config.xml");
                Assert.Equal(await File.ReadAllBytesAsync(node.ConfigFile), await File.ReadAllBytesAsync(written));
            }
            var again = await cli.RunAsync("restore", "latest", "--configs-to", target, "--shard", "1");
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
            var mixed = await cli.RunAsync("restore", "latest", "--configs-to", target, "--dry-run");
            Assert.Equal(2, mixed.ExitCode);

            // These backups were taken with backup.access_entities off: restoring access entities is refused, naming why.
            var access = await cli.RunAsync("restore", "latest", "--with-access", "--dry-run");
            Assert.NotEqual(0, access.ExitCode);
            Assert.Contains("holds no access entities", access.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_symbolic_link_pointing_outside_the_config_directory_is_refused_and_its_target_never_stored()
    {
        var sandbox = Directory.CreateTempSubdirectory("clickvault-e2e-configs-").FullName;
        try
        {
            var directory = Path.Combine(sandbox, "clickhouse-server");
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "config.xml"), "<clickhouse/>");
            var secret = Path.Combine(sandbox, "outside-secret.txt");
            await File.WriteAllTextAsync(secret, "top secret outside the directory");
            File.CreateSymbolicLink(Path.Combine(directory, "users.xml"), secret);

            await using var scenario = await ClusterScenario.StartAsync(fixture, "configlink");
            await scenario.Agents.StopAsync("s1r1");
            await scenario.Agents.StartAsync("s1r1", new Dictionary<string, string?> { ["config_backup:directory"] = directory });
            await scenario.WaitForAgentsAsync(4);
            await scenario.CreateDataAsync(500);

            var run = await scenario.RunAsync();

            Assert.Equal("succeeded", run.State);
            using var store = new S3ObjectStore(scenario.S3Options());
            var catalog = Catalog(scenario, store);
            var prefix = catalog.Layout.BackupPrefix(catalog.Layout.ShardPath(new ShardId("1")), BackupKind.Full, RunId.Parse(run.RunId));
            var listing = (await catalog.ReadSidecarAsync(prefix, default))!.Configs!.Single(c => c.Replica == "replica-1");
            Assert.Equal(["config.xml"], listing.Files.Select(f => f.Path));
            var refused = Assert.Single(listing.Refused);
            Assert.Equal("users.xml", refused.Path);
            Assert.Contains("leads outside", refused.Reason, StringComparison.Ordinal);
            var everything = await store.ListAllAsync(scenario.Prefix + "/", null, default);
            foreach (var key in everything.Objects.Select(o => o.Key).Where(k => k.Contains(BackupLayout.ConfigFolderName, StringComparison.Ordinal)))
            {
                var content = Encoding.UTF8.GetString((await store.GetAsync(key, default)).Data.Span);
                Assert.DoesNotContain("top secret", content, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(sandbox, recursive: true);
        }
    }

    private static CatalogStore Catalog(ClusterScenario scenario, IObjectStore store) =>
        new(store, new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster))));
}
