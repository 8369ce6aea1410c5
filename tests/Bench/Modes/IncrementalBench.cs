using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>incremental</c>: an incremental cluster run with nothing changed since its base, against the native incremental BACKUP
/// on the same nodes with the same base, at a small and a large size. Nothing changed, so both should cost about the same
/// at either size: what grows with the data is overhead.
/// </summary>
public sealed class IncrementalBench(long small, long large, int rounds, TimeSpan poll) : IBenchMode
{
    public const string Name = "incremental";
    public const string Usage = "incremental [--small 4000000] [--large 40000000] [--rounds 3]: unchanged incremental run vs native incremental BACKUP, 2x1";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(0.5);
    private const double GrowthGoal = 1.1;

    public static IncrementalBench From(BenchArgs args, TimeSpan poll) =>
        new(args.Long("--small", 4_000_000), args.Long("--large", 40_000_000), args.Int("--rounds", 3), poll);

    public async Task RunAsync(BenchReport report)
    {
        await using var cluster = await BenchCluster.UpAsync(2, 1, poll);
        var sizes = new List<Size>();
        foreach (var (label, rows) in new[] { ("small", small), ("large", large) })
        {
            var database = $"bench_{label}";
            var session = await cluster.PrepareAsync(report, database, _ => rows);
            var (wall, _) = await session.RunAsync(full: true);
            report.Line($"{database}: full cluster run (the base) {wall.TotalMilliseconds:N0} ms");
            sizes.Add(new Size(label, rows, database, session));
        }
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var size in sizes)
            {
                await size.RoundAsync(cluster, round, report);
            }
        }
        foreach (var size in sizes)
        {
            var met = size.Cluster.Median <= size.Native.Median + Slack.TotalSeconds;
            report.Goal(Name, $"unchanged incremental at {size.Rows:N0} rows/shard, cluster vs native (s)",
                $"{size.Cluster.Describe("N2")} vs {size.Native.Describe("N2")}", $"<= native + {Slack.TotalSeconds:N1} s", met);
        }
        var growth = sizes[1].Cluster.Median / sizes[0].Cluster.Median;
        var nativeGrowth = sizes[1].Native.Median / sizes[0].Native.Median;
        report.Goal(Name, $"T({sizes[1].Rows:N0})/T({sizes[0].Rows:N0}) of the cluster run", $"{growth:N2} (native {nativeGrowth:N2})", $"<= {GrowthGoal:N1}", growth <= GrowthGoal);
    }

    /// <summary>One data size: its database, its own coordinator and agents, and the wall times (seconds) of its rounds.</summary>
    private sealed record Size(string Label, long Rows, string Database, ProductSession Session)
    {
        public Samples Native { get; } = new();

        public Samples Cluster { get; } = new();

        /// <summary>
        /// The native incremental builds on the base the cluster run is about to take (the shard's newest backup: the full
        /// in round 1, the previous incremental after that, as the run chains deeply), so both do the same work.
        /// </summary>
        public async Task RoundAsync(BenchCluster cluster, int round, BenchReport report)
        {
            var bases = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in cluster.Primaries)
            {
                bases[node.Name] = (await Session.CatalogAsync(node.Shard)).Newest?.Prefix
                                   ?? throw new InvalidOperationException($"shard {node.Shard} has no backup to build on");
            }
            var native = await cluster.Native.BackupAsync(cluster.Primaries, Database, n => bases[n.Name]);
            var (wall, run) = await Session.RunAsync(full: false);
            if (run.Shards.FirstOrDefault(s => s.Kind != "incremental") is { } full)
            {
                throw new InvalidOperationException($"run {run.RunId}: shard {full.Shard} ran {full.Kind} ({full.Reason}), not an incremental");
            }
            Native.Add(native.TotalSeconds);
            Cluster.Add(wall.TotalSeconds);
            report.Line($"round {round}, {Label}: native incremental {native.TotalMilliseconds:N0} ms, incremental cluster run {wall.TotalMilliseconds:N0} ms on {string.Join(", ", run.Shards.Select(s => s.BaseRunId).Distinct())}");
        }
    }
}
