using System.Diagnostics;
using System.Globalization;
using ClickVault.Cluster.Bench;
using ClickVault.Cluster.Embedded.Launch;

// clickvault-bench [--rows N] [--rounds R] [--poll-ms P]: wall time of a coordinator-driven cluster run over the
// slowest shard's native BACKUP run directly, measured side by side on the same embedded 2x2 cluster.
var rows = Arg("--rows", 12_000_000);
var rounds = Arg("--rounds", 2);
var pollMs = Arg("--poll-ms", 200);
var directory = Path.Combine(RepoPaths.Root(), ".test-results", $"bench-{Guid.NewGuid():N}");
var cluster = await ClusterLauncher.UpAsync(new LaunchOptions(directory), TextWriter.Null, CancellationToken.None);
try
{
    var bench = new OverheadBench(cluster, TimeSpan.FromMilliseconds(pollMs));
    var load = Stopwatch.StartNew();
    var bytes = await bench.LoadAsync(rows);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"loaded {rows:N0} rows per shard ({bytes / 1048576.0:N0} MiB on disk per shard) in {load.Elapsed.TotalSeconds:N1} s"));
    Console.WriteLine($"poll interval of the cluster run: {pollMs} ms; the native runs poll every 10 ms");
    var ratios = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        var native = await bench.NativeAsync(round);
        var run = await bench.ClusterRunAsync();
        var ratio = run.Wall.TotalMilliseconds / native.TotalMilliseconds;
        ratios.Add(ratio);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: native slowest shard {native.TotalMilliseconds:N0} ms, cluster run {run.Wall.TotalMilliseconds:N0} ms, ratio {ratio:N3}; BACKUP_CREATED -> recorded by coordinator: {string.Join(", ", run.RecordDelays.Select(d => $"{d.TotalMilliseconds:N0} ms"))}"));
        var goal = 1.02 + (pollMs / native.TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"         goal <= 1.02 + poll/native = {goal:N3}: {(ratio <= goal ? "met" : "NOT met")}"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio over {rounds} round(s): {ratios.Order().ElementAt(ratios.Count / 2):N3}"));
}
finally
{
    await ClusterLauncher.DownAsync(directory, TextWriter.Null);
    Directory.Delete(directory, recursive: true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
