using ClickVault.Cluster.Agent.Transport;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Transport;

public sealed class CoordinatorEndpointTests
{
    [Theory]
    [InlineData("http://coordinator:8080", "ws://coordinator:8080/agents/ws")]
    [InlineData("http://coordinator:8080/", "ws://coordinator:8080/agents/ws")]
    [InlineData("https://coordinator", "wss://coordinator/agents/ws")]
    [InlineData("https://coordinator:8443/vault/", "wss://coordinator:8443/vault/agents/ws")]
    [InlineData("ws://127.0.0.1:5000", "ws://127.0.0.1:5000/agents/ws")]
    [InlineData("wss://coordinator/base", "wss://coordinator/base/agents/ws")]
    public void The_agent_endpoint_is_base_plus_agents_ws_over_ws_or_wss(string coordinator, string expected)
    {
        Assert.Equal(new Uri(expected), CoordinatorEndpoint.AgentSocket(new Uri(coordinator)));
    }
}
