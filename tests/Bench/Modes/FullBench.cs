using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>full</c>: a full cluster run over S shards against the same S native BACKUPs started together on the same nodes (what
/// <c>ON CLUSTER</c> would do: shards contend for the machine, so one shard alone is not the baseline), rounds interleaved.
/// </summary>
public sealed class FullBench(StaggeredShards data, int rounds, TimeSpan poll) : IBenchMode
{
    public const string Name = "full";
    public const string Usage = $"full {StaggeredShards.Options} [--rounds 7]: full run over S shards (1.5/3/4.5/6 M rows x scale) vs S native BACKUPs together";
    private const double Goal = 1.02;

    public static FullBench From(BenchArgs args, TimeSpan poll) => new(StaggeredShards.From(args), args.Int("--rounds", 7), poll);

    public async Task RunAsync(BenchReport report)
    {
        await using var cluster = await data.UpAsync(poll);
        var session = await data.PrepareAsync(cluster, report);
        var (ratios, _) = await Interleaved.RatiosAsync(report, rounds,
            $"{data.Shards} native BACKUPs together", _ => cluster.Native.BackupAsync(cluster.Primaries, "bench"),
            "full cluster run", async _ => (await session.RunAsync(full: true)).Wall);
        report.Goal(Name, $"full run / native ({data.Shards} shards), median (min..max)", ratios.Describe("N3"), $"<= {Goal:N2}", ratios.Median <= Goal);
    }
}
