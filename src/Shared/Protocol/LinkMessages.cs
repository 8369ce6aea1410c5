namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// Agent → coordinator tier: every agent message travels in one of these through the ClusterClient, so the tier knows
/// which replica sent it whichever node's receptionist relayed it.
/// </summary>
public sealed record AgentEnvelope(string Shard, string Replica, ProtocolMessage Message) : ProtocolMessage;

/// <summary>Coordinator → agent: a heartbeat arrived. Its absence for a few intervals tells the agent the link is gone.</summary>
public sealed record HeartbeatAck(DateTimeOffset SentAt) : ProtocolMessage;

/// <summary>
/// Coordinator → agent: the tier does not know this agent (a new singleton after a fail-over, or a session that timed
/// out); the agent says hello again with every operation it runs or ran.
/// </summary>
public sealed record HelloRequired(string Reason) : ProtocolMessage;

/// <summary>Coordinator → agent: the hello was refused (wrong token, another cluster); the agent retries after its longest delay.</summary>
public sealed record AgentRefused(string Reason) : ProtocolMessage;
