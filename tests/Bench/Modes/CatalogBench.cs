using System.Diagnostics;
using System.Net.Http.Json;
using ClickVault.Cluster.Bench.Harness;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.S3;

namespace ClickVault.Cluster.Bench.Modes;

/// <summary>
/// <c>catalog</c>: S3 requests of <c>list</c>, planning a run and <c>cleanup --dry-run</c> over S shards, each on a
/// coordinator that just started (nothing cached), at several numbers of backups per shard: the count should follow the
/// shards, not the backups. The coordinator is real (its API, chain entities and retention against s3rver); its agents
/// are stand-ins, since these operations read S3 only.
/// </summary>
public sealed class CatalogBench(int shards, IReadOnlyList<int> backups, int chain) : IBenchMode
{
    public const string Name = "catalog";
    public const string Usage = "catalog [--shards 100] [--backups 1000,100] [--chain 7]: S3 requests of list, planning and cleanup --dry-run, S shards x N backups";
    private const string Cluster = "bench";

    /// <summary>The coordinator's default full_backup_interval_days: a longer daily chain would be too old to build on.</summary>
    private const int LongestChain = 7;

    public static CatalogBench From(BenchArgs args)
    {
        var chain = args.Int("--chain", LongestChain);
        return chain <= LongestChain
            ? new(args.Int("--shards", 100), args.Ints("--backups", [1000, 100]), chain)
            : throw new BenchUsageException($"--chain: at most {LongestChain} daily backups per chain (full_backup_interval_days = {LongestChain} plans a full on an older chain), got {chain}");
    }

    public async Task RunAsync(BenchReport report)
    {
        var s3 = new S3rverFixture();
        await s3.InitializeAsync();
        try
        {
            // Planning last: its run stays open in the journal, and a coordinator started after it would resume it.
            var operations = new List<(string Name, Func<CountedCoordinator, int, Task<string>> Run)>
            {
                ("list (GET /api/backups)", ListAsync),
                ("cleanup --dry-run", (c, _) => CleanupAsync(c)),
                ("planning a run (every shard)", PlanAsync),
            };
            var cold = operations.ToDictionary(o => o.Name, _ => new List<(int Backups, ObjectStoreRequestCounts Counts)>(), StringComparer.Ordinal);
            foreach (var perShard in backups)
            {
                var prefix = $"catalog-{perShard}";
                var clock = Stopwatch.StartNew();
                await new CatalogSeed(s3.Store, new BackupLayout(new LayoutOptions(prefix, new ClusterName(Cluster))), chain).WriteAsync(shards, perShard);
                report.Line($"{shards} shards x {perShard:N0} daily backups (chains of a full and {chain - 1} incrementals) written to s3rver in {clock.Elapsed.TotalSeconds:N1} s");
                foreach (var (name, operation) in operations)
                {
                    await using var coordinator = await CountedCoordinator.StartAsync(s3.Options, Cluster, prefix, shards);
                    var note = "";
                    var first = await coordinator.CountAsync(async () => note = await operation(coordinator, perShard));
                    // Planning starts a run, which then waits for its stand-in agents: a second one cannot start.
                    var again = name.StartsWith("planning", StringComparison.Ordinal) ? null : await coordinator.CountAsync(() => operation(coordinator, perShard));
                    cold[name].Add((perShard, first));
                    report.Line($"  {name,-30} {perShard,5} backups/shard: {Describe(first)}{(again is null ? "" : $"; again on the same coordinator: {again.Total}")}; {note}");
                }
            }
            foreach (var (name, counts) in cold)
            {
                var independent = counts.Select(c => c.Counts.Total).Distinct().Count() == 1;
                report.Goal(Name, $"{name}, S = {shards}, requests on a fresh coordinator",
                    $"{string.Join(", ", counts.Select(c => $"{c.Counts.Total} at {c.Backups}/shard"))} ({(independent ? "independent of" : "grows with")} backups)",
                    $"<= S + 1 = {shards + 1}", counts.All(c => c.Counts.Total <= shards + 1));
            }
        }
        finally
        {
            await s3.DisposeAsync();
        }
    }

    private async Task<string> ListAsync(CountedCoordinator coordinator, int perShard)
    {
        var listed = await coordinator.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        return listed.Count == shards * perShard
            ? $"{listed.Count:N0} backups listed"
            : throw new InvalidOperationException($"list returned {listed.Count} backups, expected {shards * perShard}");
    }

    private async Task<string> PlanAsync(CountedCoordinator coordinator, int perShard)
    {
        await coordinator.Coordinator.StartRunAsync(full: false);
        await coordinator.Agents.AllDispatched.WaitAsync(TimeSpan.FromMinutes(5));
        return $"{coordinator.Agents.Incremental} of {shards} shards planned incremental on a chain of {chain}; counted until the last was dispatched";
    }

    private static async Task<string> CleanupAsync(CountedCoordinator coordinator)
    {
        using var response = await coordinator.Coordinator.Api.PostAsJsonAsync(RetentionRoutes.Cleanup.TrimStart('/'), new CleanupRequest(true, null), RetentionApiJson.Default.CleanupRequest);
        response.EnsureSuccessStatusCode();
        var cleanup = (await response.Content.ReadFromJsonAsync(RetentionApiJson.Default.CleanupReport))!;
        return $"would remove {cleanup.Shards.Sum(s => s.Backups.Count(b => b.Decision == RetentionDecisions.Remove)):N0} backups";
    }

    private static string Describe(ObjectStoreRequestCounts c) =>
        $"{c.Total} requests ({c.Gets} GET, {c.Heads} HEAD, {c.Puts} PUT, {c.ListPages} LIST, {c.DeleteBatches} DELETE)";
}
