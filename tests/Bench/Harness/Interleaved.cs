namespace ClickVault.Cluster.Bench.Harness;

/// <summary>Rounds of native then product, side by side in one run, so drift of the machine hits both alike.</summary>
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
            var baseline = await native(round);
            var measured = await product(round);
            ratios.Add(measured / baseline);
            natives.Add(baseline.TotalSeconds);
            report.Line($"round {round}: {nativeLabel} {baseline.TotalMilliseconds:N0} ms, {productLabel} {measured.TotalMilliseconds:N0} ms, ratio {measured / baseline:N3}");
        }
        return (ratios, natives);
    }
}
