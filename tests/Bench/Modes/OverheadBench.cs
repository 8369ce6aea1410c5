using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>overhead</c>, the bench's first measurement: on the 2x2 cluster, a full cluster run against the primaries' native
/// BACKUPs, with a goal that allows one poll interval. <c>full</c> (4 shards, more rounds) and <c>latency</c> supersede it.
/// </summary>
public sealed class OverheadBench(long rows, int rounds, TimeSpan poll) : IBenchMode
{
    public const string Name = "overhead";
    public const string Usage = "overhead [--rows 12000000] [--rounds 2]: full run vs native BACKUPs on the 2x2 cluster (the original bench; not in all)";

    public static OverheadBench From(BenchArgs args, TimeSpan poll) => new(args.Long("--rows", 12_000_000), args.Int("--rounds", 2), poll);

    public async Task RunAsync(BenchReport report)
    {
        await using var cluster = await BenchCluster.UpAsync(2, 2, poll);
        var session = await cluster.PrepareAsync(report, "bench", _ => rows);
        var (ratios, natives) = await Interleaved.RatiosAsync(report, rounds,
            "native BACKUPs together", _ => cluster.Native.BackupAsync(cluster.Primaries, "bench"),
            "full cluster run", async _ => (await session.RunAsync(full: true)).Wall);
        var goal = 1.02 + (poll.TotalSeconds / natives.Median);
        report.Goal(Name, "full run / native (2x2)", ratios.Describe("N3"), $"<= 1.02 + poll/native = {goal:N3}", ratios.Median <= goal);
    }
}
