using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// S agents as the coordinator's membership sees them, without processes or ClickHouse: each registers like a hello would
/// and takes whatever the coordinator sends. Enough for list, cleanup and planning, which read S3, not ClickHouse.
/// </summary>
public sealed class StandInAgents : IAgentChannel
{
    private readonly TaskCompletionSource _allDispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _shards;
    private int _dispatched;
    private int _incremental;

    private StandInAgents(int shards) => _shards = shards;

    /// <summary>Completes once every shard was sent its StartBackup: every shard of the run is planned.</summary>
    public Task AllDispatched => _allDispatched.Task;

    /// <summary>How many of the dispatched backups build on a base.</summary>
    public int Incremental => Volatile.Read(ref _incremental);

    public static StandInAgents Register(AgentRegistry registry, string cluster, int shards)
    {
        var agents = new StandInAgents(shards);
        for (var shard = 1; shard <= shards; shard++)
        {
            var macros = new Dictionary<string, string> { ["cluster"] = cluster, ["shard"] = $"{shard}", ["replica"] = "replica-1" };
            registry.Register(new AgentIdentity(cluster, $"{shard}", "replica-1", $"stand-in-{shard}", "26.5.3.1", macros, "bench"), agents);
        }
        return agents;
    }

    public ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (message is StartBackup start)
        {
            if (start.BaseBackup is not null)
            {
                Interlocked.Increment(ref _incremental);
            }
            if (Interlocked.Increment(ref _dispatched) == _shards)
            {
                _allDispatched.TrySetResult();
            }
        }
        return ValueTask.FromResult(true);
    }

    public void Close(string reason)
    {
    }
}
