using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>A backup an operation in progress uses, and by whom (for messages: "run 20261122T020000Z builds on it").</summary>
public sealed record BackupUse(ShardId Shard, RunId Backup, string By);

/// <summary>An operation on <see cref="Shard"/> that has not chosen its backup yet: it will use the shard's newest one.</summary>
public sealed record UndecidedUse(ShardId Shard, string By);

/// <summary>Every backup operations in progress use (backups being written, their bases, backups being restored or verified).</summary>
public sealed record BackupsInUse(IReadOnlyList<BackupUse> Uses, IReadOnlyList<UndecidedUse> Undecided)
{
    public static BackupsInUse None { get; } = new([], []);

    /// <summary>Every run id in use on any shard, with who uses it (a backup folder is named by its run id).</summary>
    public IReadOnlyDictionary<RunId, string> AnyShard()
    {
        var used = new Dictionary<RunId, string>();
        foreach (var use in Uses)
        {
            used.TryAdd(use.Backup, use.By);
        }
        return used;
    }

    public BackupsInUse Union(BackupsInUse other) => new([.. Uses, .. other.Uses], [.. Undecided, .. other.Undecided]);

    /// <summary>
    /// The backups of <paramref name="shard"/> in use, by run id, with who uses them. An undecided operation on the shard
    /// uses the newest backup of <paramref name="catalog"/> (the base the next incremental would take).
    /// </summary>
    public IReadOnlyDictionary<RunId, string> For(ShardId shard, ShardCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var used = new Dictionary<RunId, string>();
        foreach (var use in Uses.Where(u => u.Shard == shard))
        {
            used.TryAdd(use.Backup, use.By);
        }
        if (catalog.Newest is { } newest && Undecided.FirstOrDefault(u => u.Shard == shard) is { } undecided)
        {
            used.TryAdd(newest.RunId, undecided.By);
        }
        return used;
    }

    /// <summary>
    /// What an active cluster run uses: on each of its shards the backup it writes (the run id) and its base; a shard it
    /// has not planned yet (and that has not failed) will take the shard's newest backup as its base.
    /// </summary>
    public static BackupsInUse FromRun(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = RunId.Parse(run.RunId);
        var uses = new List<BackupUse>();
        var undecided = new List<UndecidedUse>();
        foreach (var shard in run.Shards)
        {
            var shardId = new ShardId(shard.Shard);
            uses.Add(new BackupUse(shardId, id, $"run {run.RunId} writes it"));
            if (shard.BaseRunId is { } baseRun && RunId.TryParse(baseRun, out var baseId))
            {
                uses.Add(new BackupUse(shardId, baseId, $"run {run.RunId} builds on it"));
            }
            else if (shard.Kind is null && shard.State != "failed")
            {
                undecided.Add(new UndecidedUse(shardId, $"run {run.RunId} has not planned shard {shard.Shard} yet and may build on it"));
            }
        }
        return new BackupsInUse(uses, undecided);
    }
}

/// <summary>
/// A source of backups in use (the active run; restore and verify add their own). Implementations must not depend on
/// the retention use cases.
/// </summary>
public interface IBackupsInUse
{
    Task<BackupsInUse> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The backups the active cluster run uses (from the runs actor).</summary>
public sealed class ActiveRunBackupsInUse(CoordinatorRuntime runtime) : IBackupsInUse
{
    public async Task<BackupsInUse> GetAsync(CancellationToken cancellationToken) =>
        (await runtime.GetRunsAsync(0, cancellationToken).ConfigureAwait(false)).Active is { } active
            ? BackupsInUse.FromRun(active)
            : BackupsInUse.None;
}

/// <summary>The union of every registered <see cref="IBackupsInUse"/>.</summary>
public sealed class AllBackupsInUse(IEnumerable<IBackupsInUse> sources) : IBackupsInUse
{
    private readonly IReadOnlyList<IBackupsInUse> _sources = [.. sources];

    public async Task<BackupsInUse> GetAsync(CancellationToken cancellationToken)
    {
        var all = BackupsInUse.None;
        foreach (var source in _sources)
        {
            all = all.Union(await source.GetAsync(cancellationToken).ConfigureAwait(false));
        }
        return all;
    }
}
