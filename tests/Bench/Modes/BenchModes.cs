using ClickVault.Cluster.Bench.Harness;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>The modes by name; <c>all</c> runs those that measure a goal of issue 11, with their defaults sized for a 2-core machine.</summary>
public static class BenchModes
{
    public const string All = "all";

    public static IReadOnlyList<string> InAll { get; } = [IncrementalBench.Name, FullBench.Name, CatalogBench.Name, RestoreBench.Name, LatencyBench.Name];

    public static string Usage { get; } = string.Join(Environment.NewLine,
        "usage: dotnet run -c Release --project tests/Bench -- <mode> [--poll-ms 200] [options]",
        $"  {IncrementalBench.Usage}",
        $"  {FullBench.Usage}",
        $"  {CatalogBench.Usage}",
        $"  {RestoreBench.Usage}",
        $"  {LatencyBench.Usage}",
        $"  {OverheadBench.Usage}",
        $"  {All}: {string.Join(", ", InAll)} in turn with their defaults (options given apply to every mode that takes them)",
        "--poll-ms: the product's poll interval (backup.poll_interval); native operations run without ASYNC and answer when done");

    public static IBenchMode Create(string name, BenchArgs args, TimeSpan poll) => name switch
    {
        IncrementalBench.Name => IncrementalBench.From(args, poll),
        FullBench.Name => FullBench.From(args, poll),
        CatalogBench.Name => CatalogBench.From(args),
        RestoreBench.Name => RestoreBench.From(args, poll),
        LatencyBench.Name => LatencyBench.From(args, poll),
        OverheadBench.Name => OverheadBench.From(args, poll),
        _ => throw new BenchUsageException($"unknown mode '{name}'"),
    };
}
