using Akka.Actor;

namespace ClickVault.Cluster.Coordinator.AgentLink;

/// <summary>
/// On every coordinator node, registered with the ClusterClient receptionist: whichever node an agent reaches, its
/// messages go on to the agent hub singleton, the sender (the agent's response tunnel) kept.
/// </summary>
public sealed class AgentGatewayActor : ReceiveActor
{
    public AgentGatewayActor(IActorRef hub) => ReceiveAny(m => hub.Forward(m));
}
