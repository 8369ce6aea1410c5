using ClickVault.Cluster.Embedded.Launch;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// S shards x 1 replica of unequal size, as real shards drift apart: shard i holds i x 1.5 M rows (1.5/3/4.5/6 M on four)
/// times <see cref="Scale"/>. What <c>full</c> backs up and <c>restore</c> restores.
/// </summary>
public sealed record StaggeredShards(int Shards, double Scale)
{
    public const string Options = "[--shards 4] [--scale 1]";
    private const double PerShard = 1_500_000;

    public static StaggeredShards From(BenchArgs args) => new(args.Int("--shards", 4), args.Double("--scale", 1, 0.001));

    public long RowsOf(NodeDescription node) => (long)(PerShard * node.Shard * Scale);

    public Task<BenchCluster> UpAsync(TimeSpan poll) => BenchCluster.UpAsync(Shards, 1, poll);

    /// <summary>Loads the shards of <paramref name="cluster"/> and starts a product session on them.</summary>
    public Task<ProductSession> PrepareAsync(BenchCluster cluster, BenchReport report) => cluster.PrepareAsync(report, "bench", RowsOf);
}
