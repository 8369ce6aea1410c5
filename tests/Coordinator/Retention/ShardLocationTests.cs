using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class ShardLocationTests
{
    [Fact]
    public void Known_shards_come_from_agents_macros_then_topology_each_once_in_shard_number_order()
    {
        var layout = new BackupLayout(new LayoutOptions("", new ClusterName("c"), "dc-{dc}/shard-{shard}"));
        IReadOnlyDictionary<string, string> eu = new Dictionary<string, string> { ["shard"] = "10", ["dc"] = "eu" };
        IReadOnlyDictionary<string, string> us = new Dictionary<string, string> { ["shard"] = "2", ["dc"] = "us" };

        var targets = ShardTargets.Known([("10", eu), ("2", us), ("10", eu)], ["2", "10", "3"], layout);

        // Shard 3 has no agent and the template needs {dc}: it cannot be located.
        Assert.Equal([new ShardTarget(new ShardId("2"), "dc-us/shard-2"), new ShardTarget(new ShardId("10"), "dc-eu/shard-10")], targets);
    }

    [Fact]
    public async Task Shard_folders_are_the_listed_ones_matching_the_template_plus_the_known_ones()
    {
        var store = new InMemoryObjectStore(new FakeTimeProvider());
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c"), "dc-{dc}/shard-{shard}"));
        foreach (var key in new[] { "p/c/dc-eu/shard-1/catalog.json", "p/c/dc-us/shard-7/full/x", "p/c/runs/1.json", "p/c/journal/a", "p/c/dc-eu/other/x", "p/c/loose.txt" })
        {
            await store.PutAsync(key, new byte[1], null, default);
        }

        var folders = await new ShardFolders(store, layout, "dc-{dc}/shard-{shard}")
            .FindAsync([new ShardTarget(new ShardId("2"), "dc-eu/shard-2")], default);

        Assert.Equal(
            [new ShardFolder("dc-eu/shard-1", new ShardId("1")), new ShardFolder("dc-eu/shard-2", new ShardId("2")), new ShardFolder("dc-us/shard-7", new ShardId("7"))],
            folders);
    }
}
