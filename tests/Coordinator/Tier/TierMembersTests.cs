using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Tier;

/// <summary>A coordinator started with no seed nodes is a tier of one that holds the singletons, and says so.</summary>
public sealed class TierMembersTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task A_coordinator_without_seed_nodes_forms_a_tier_of_one_holding_the_singletons()
    {
        await using var coordinator = await InProcessCoordinator.StartAsync("c", s3.Options, new Dictionary<string, string?>
        {
            ["backup:databases:0"] = "shop",
            ["backup:prefix"] = S3rverFixture.NewPrefix("tier").TrimEnd('/'),
        });

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        IReadOnlyList<CoordinatorNodeView> nodes;
        // Joining itself takes a moment after the host has started.
        while ((nodes = await coordinator.GetAsync(OperatorRoutes.Nodes, ApiJson.Default.IReadOnlyListCoordinatorNodeView)) is not [{ Status: "up" }]
               && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var node = Assert.Single(nodes);
        Assert.Equal(("up", true, true, true), (node.Status, node.Reachable, node.HoldsSingletons, node.Self));
        Assert.StartsWith("akka.ssl.tcp://clickvault-coordinator@127.0.0.1:", node.Address, StringComparison.Ordinal);
        var status = await coordinator.GetAsync(OperatorRoutes.Status, ApiJson.Default.StatusView);
        Assert.Equal([node], status.Nodes);
    }
}
