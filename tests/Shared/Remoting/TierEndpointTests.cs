using ClickVault.Cluster.Shared.Remoting;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Remoting;

public sealed class TierEndpointTests
{
    [Theory]
    [InlineData("coordinator-0:4053", "coordinator-0", 4053)]
    [InlineData("10.0.0.7:1", "10.0.0.7", 1)]
    [InlineData("coordinator-0.coordinators.clickvault.svc:65535", "coordinator-0.coordinators.clickvault.svc", 65535)]
    public void Host_and_port_make_the_nodes_akka_address(string text, string host, int port)
    {
        Assert.True(TierEndpoint.TryParse(text, out var node));
        Assert.Equal(new TierEndpoint(host, port), node);
        Assert.Equal($"akka.tcp://clickvault-coordinator@{host}:{port}", node.Address("clickvault-coordinator"));
        Assert.Equal($"akka.ssl.tcp://clickvault-coordinator@{host}:{port}/system/receptionist", node.Receptionist(tls: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("coordinator-0")]
    [InlineData(":4053")]
    [InlineData("coordinator-0:0")]
    [InlineData("coordinator-0:65536")]
    [InlineData("coordinator-0:-1")]
    [InlineData("coordinator-0:port")]
    [InlineData("not a host:4053")]
    [InlineData("akka.tcp://clickvault-coordinator@coordinator-0:4053")]
    public void Anything_else_is_refused(string text) => Assert.False(TierEndpoint.TryParse(text, out _));
}
