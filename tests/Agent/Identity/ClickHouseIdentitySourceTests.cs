using System.Globalization;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Identity;

[Collection(SingleNodeCollection.Name)]
public sealed class ClickHouseIdentitySourceTests(SingleNodeFixture fixture)
{
    [Fact]
    public async Task The_identity_is_read_from_the_real_nodes_macros()
    {
        var node = fixture.Node;
        var source = new ClickHouseIdentitySource(fixture.ClientFor(node), new AgentOptions());

        var identity = await source.ReadAsync(CancellationToken.None);

        Assert.Equal(fixture.Cluster.Cluster, identity.Cluster);
        Assert.Equal(node.Shard.ToString(CultureInfo.InvariantCulture), identity.Shard);
        Assert.Equal(node.Replica, identity.Replica);
        Assert.StartsWith("26.", identity.ClickHouseVersion, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(identity.Host));
        Assert.Equal(node.Replica, identity.Macros["replica"]);
        Assert.Equal(["cluster", "replica", "shard"], identity.Macros.Keys.Order(StringComparer.Ordinal));
    }
}
