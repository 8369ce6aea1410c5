using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>restore</c>: <c>clickvault restore latest --as-database NEW</c> of a whole run over S shards against the same S native
/// RESTOREs (same backup folders, same renaming) started together on the same nodes, rounds interleaved.
/// </summary>
public sealed class RestoreBench(StaggeredShards data, int rounds, TimeSpan poll) : IBenchMode
{
    public const string Name = "restore";
    public const string Usage = $"restore {StaggeredShards.Options} [--rounds 7]: restore latest --as-database over S shards vs S native RESTOREs together";
    private const double Goal = 1.05;

    public static RestoreBench From(BenchArgs args, TimeSpan poll) => new(StaggeredShards.From(args), args.Int("--rounds", 7), poll);

    public async Task RunAsync(BenchReport report)
    {
        await using var cluster = await data.UpAsync(poll);
        var session = await data.PrepareAsync(cluster, report);
        var (backup, run) = await session.RunAsync(full: true);
        report.Line($"full cluster run {run.RunId} (what both restore) {backup.TotalMilliseconds:N0} ms");
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in cluster.Primaries)
        {
            sources[node.Name] = (await session.CatalogAsync(node.Shard)).Newest!.Prefix;
        }
        var (ratios, _) = await Interleaved.RatiosAsync(report, rounds,
            $"{data.Shards} native RESTOREs together", async round =>
            {
                var wall = await cluster.Native.RestoreAsync(cluster.Primaries, "bench", $"bench_native_{round}", n => sources[n.Name]);
                await DropAsync(cluster, $"bench_native_{round}");
                return wall;
            },
            "clickvault restore latest", async round =>
            {
                var wall = await session.RestoreLatestAsync($"bench_restored_{round}");
                await DropAsync(cluster, $"bench_restored_{round}");
                return wall;
            });
        report.Goal(Name, $"restore / native ({data.Shards} shards), median (min..max)", ratios.Describe("N3"), $"<= {Goal:N2}", ratios.Median <= Goal);
    }

    private static async Task DropAsync(BenchCluster cluster, string database)
    {
        foreach (var node in cluster.Primaries)
        {
            // Not SYNC: in the embedded engine DROP ... SYNC can hang after an async BACKUP; the files go in the background.
            await cluster.ExecuteAsync(node, $"DROP DATABASE {database}");
        }
    }
}
