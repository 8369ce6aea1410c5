using System.Diagnostics;
using ClickVault.Cluster.Bench.Harness;
using ClickVault.Cluster.Bench.Modes;

// clickvault-bench <mode> [options]: each mode measures the product side by side with ClickHouse's own operations (or
// counts its S3 requests) in one run and prints the ratio next to its goal. Goals missed are reported, never failed on.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(BenchModes.Usage);
    return args.Length == 0 ? 2 : 0;
}

List<(string Name, IBenchMode Mode)> modes;
TimeSpan poll;
try
{
    var options = new BenchArgs(args[1..]);
    poll = TimeSpan.FromMilliseconds(options.Int("--poll-ms", 200));
    modes = [.. (args[0] == BenchModes.All ? BenchModes.InAll : [args[0]]).Select(name => (name, BenchModes.Create(name, options, poll)))];
    if (options.Unread.Count > 0)
    {
        throw new BenchUsageException($"{string.Join(", ", options.Unread)}: not an option of {args[0]}");
    }
}
catch (BenchUsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(BenchModes.Usage);
    return 2;
}

var report = new BenchReport(Console.Out);
var total = Stopwatch.StartNew();
report.Line($"{Environment.ProcessorCount} cores; the product polls system.backups every {poll.TotalMilliseconds:N0} ms; native operations are the same statements without ASYNC, answered when done");
foreach (var (name, mode) in modes)
{
    var clock = Stopwatch.StartNew();
    // The machine is shared: its load says how much the walls below are worth.
    report.Line($"== {name} (load average {LoadAverage()})");
    await mode.RunAsync(report);
    report.Line($"== {name} done in {clock.Elapsed.TotalSeconds:N0} s (load average {LoadAverage()})");
}
report.Summary();
report.Line($"total {total.Elapsed.TotalMinutes:N1} min");
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
