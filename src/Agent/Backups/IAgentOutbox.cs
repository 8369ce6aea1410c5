using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>Where the executor's reports go: to the coordinator now, or kept (latest per operation) until the next hello.</summary>
public interface IAgentOutbox
{
    /// <summary>Never blocks and never throws.</summary>
    void Post(ProtocolMessage message);
}
