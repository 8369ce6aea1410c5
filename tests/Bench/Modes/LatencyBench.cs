using ClickVault.Cluster.Bench.Harness;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>latency</c>: per shard of each run, from ClickHouse's BACKUP_CREATED (system.backups end_time) to the backup recorded in
/// the shard's catalog.json (its updated_at, stamped as the index is written), and to the coordinator seeing it succeed.
/// </summary>
public sealed class LatencyBench(long rows, int runs, TimeSpan poll) : IBenchMode
{
    public const string Name = "latency";
    public const string Usage = "latency [--rows 2000000] [--runs 5]: BACKUP_CREATED -> recorded in the catalog, per shard, 2x1";

    public static LatencyBench From(BenchArgs args, TimeSpan poll) => new(args.Long("--rows", 2_000_000), args.Int("--runs", 5), poll);

    public async Task RunAsync(BenchReport report)
    {
        await using var cluster = await BenchCluster.UpAsync(2, 1, poll);
        var session = await cluster.PrepareAsync(report, "bench", _ => rows);
        var recorded = new Samples();
        for (var i = 1; i <= runs; i++)
        {
            var (_, run) = await session.RunAsync(full: true);
            var lines = new List<string>();
            foreach (var node in cluster.Primaries)
            {
                var shard = run.Shards.Single(s => s.Shard == $"{node.Shard}");
                var id = OperationId.ForBackup(RunId.Parse(run.RunId), new ShardId(shard.Shard)).Value;
                var created = (await new SystemBackups(cluster.Client(node), TimeProvider.System).FindAsync(id, default))?.EndTime
                              ?? throw new InvalidOperationException($"{node.Name} has no end time for {id}");
                var catalog = await session.CatalogAsync(node.Shard);
                recorded.Add((catalog.UpdatedAt - created).TotalMilliseconds);
                lines.Add($"shard {shard.Shard} seen {(shard.FinishedAt!.Value - created).TotalMilliseconds:N0} ms, recorded {(catalog.UpdatedAt - created).TotalMilliseconds:N0} ms");
            }
            report.Line($"run {i} ({run.RunId}): BACKUP_CREATED -> {string.Join("; ", lines)}");
        }
        report.Goal(Name, "BACKUP_CREATED -> recorded in catalog (ms), median (min..max)", recorded.Describe("N0"),
            $"median <= poll = {poll.TotalMilliseconds:N0} ms (the agent sees the end up to one poll late)", recorded.Median <= poll.TotalMilliseconds);
    }
}
