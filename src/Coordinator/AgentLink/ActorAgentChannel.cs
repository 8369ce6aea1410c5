using Akka.Actor;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.AgentLink;

/// <summary>
/// Sends to one agent through the receptionist's response tunnel its messages came by. The tunnel changes when the
/// agent's ClusterClient moves to another coordinator node; the agent's session actor points the channel at the new one.
/// </summary>
public sealed class ActorAgentChannel(IActorRef agent) : IAgentChannel
{
    private volatile IActorRef _agent = agent;

    public IActorRef Agent => _agent;

    public void Retarget(IActorRef agent) => _agent = agent;

    public ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        _agent.Tell(message, ActorRefs.NoSender);
        return ValueTask.FromResult(true);
    }
}
