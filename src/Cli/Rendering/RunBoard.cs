using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// The last known state of each shard while following one run, so polled snapshots show only what changed.
/// One per follow; not shared.
/// </summary>
public sealed class RunBoard
{
    private readonly Dictionary<string, ShardRunView> shards = new(StringComparer.Ordinal);

    public RunBoard(RunView started)
    {
        foreach (var shard in started.Shards)
        {
            shards[shard.Shard] = shard;
        }
    }

    /// <summary>Records <paramref name="shard"/>; true when it differs from what was known.</summary>
    public bool Update(ShardRunView shard)
    {
        var changed = !shards.TryGetValue(shard.Shard, out var known) || known != shard;
        shards[shard.Shard] = shard;
        return changed;
    }

    /// <summary>The shards of <paramref name="run"/> that changed since last seen, in shard order.</summary>
    public IReadOnlyList<ShardRunView> Changes(RunView run) =>
        [.. RunTables.Ordered(run.Shards).Where(Update)];
}
