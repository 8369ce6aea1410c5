using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Tests.Membership;

/// <summary>An agent session that accepts every message and goes nowhere (membership without a link).</summary>
internal sealed class NullAgentChannel : IAgentChannel
{
    public ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
