namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// Rounds of native and product, side by side in one run, so drift of the machine hits both alike. The order alternates
/// (native first in odd rounds, product first in even ones): what one measurement leaves running in the background (a
/// restored copy merging, S3 writes settling) then slows either side equally often.
/// </summary>
public static class Interleaved
{
    /// <returns>Per round the product's wall over the native wall, and the native walls in seconds.</returns>
    public static async Task<(Samples Ratios, Samples Native)> RatiosAsync(
        BenchReport report, int rounds, string nativeLabel, Func<int, Task<TimeSpan>> native, string productLabel, Func<int, Task<TimeSpan>> product)
    {
        var ratios = new Samples();
        var natives = new Samples();
        for (var round = 1; round <= rounds; round++)
        {
            TimeSpan baseline, measured;
            if (round % 2 == 1)
            {
                baseline = await native(round);
                measured = await product(round);
            }
            else
            {
                measured = await product(round);
                baseline = await native(round);
            }

            ratios.Add(measured / baseline);
            natives.Add(baseline.TotalSeconds);
            report.Line($"round {round} ({(round % 2 == 1 ? "native first" : "product first")}): {nativeLabel} {baseline.TotalMilliseconds:N0} ms, {productLabel} {measured.TotalMilliseconds:N0} ms, ratio {measured / baseline:N3}");
        }
        return (ratios, natives);
    }
}
