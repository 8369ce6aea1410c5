using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>Which backups restores read right now: retention must not delete them (nor any base of them).</summary>
public interface IRestoreUsage
{
    /// <summary>Per shard, the run ids of every backup an active restore reads (the restored backup and its whole chain).</summary>
    IReadOnlyDictionary<ShardId, IReadOnlySet<RunId>> RunsInUse();
}

/// <summary>The in-use set, updated by the restores actor when a restore begins and ends; thread-safe.</summary>
public sealed class RestoreUsage : IRestoreUsage
{
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<ShardId, IReadOnlySet<RunId>> _inUse = new Dictionary<ShardId, IReadOnlySet<RunId>>();

    public IReadOnlyDictionary<ShardId, IReadOnlySet<RunId>> RunsInUse()
    {
        lock (_gate)
        {
            return _inUse;
        }
    }

    /// <summary>The active restore (null: none) now defines what is in use.</summary>
    public void Track(RestoreState? active)
    {
        var inUse = active is null
            ? new Dictionary<ShardId, IReadOnlySet<RunId>>()
            : active.Shards.ToDictionary(s => new ShardId(s.Shard), s => (IReadOnlySet<RunId>)s.Source.Chain.Select(RunId.Parse).ToHashSet());
        lock (_gate)
        {
            _inUse = inUse;
        }
    }
}
