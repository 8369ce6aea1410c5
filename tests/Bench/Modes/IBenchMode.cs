using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>One measurement: sets up what it needs, measures side by side in this run, reports its goals.</summary>
public interface IBenchMode
{
    Task RunAsync(BenchReport report);
}
