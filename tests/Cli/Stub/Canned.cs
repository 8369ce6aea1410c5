using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>The DTOs the stub coordinator serves: a two-shard cluster "main" and its runs.</summary>
internal static class Canned
{
    public const string Token = "cv-op-7f3a9c2e51d84b06";
    public const string Cluster = "main";
    public const string RunId = "20260101T020000Z";
    public const string DiskFullError = "Code: 243. DB::Exception: Cannot reserve 1.00 MiB, not enough space. (NOT_ENOUGH_SPACE)";

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

    public static RunView Started(bool full = false) =>
        new(RunId, Cluster, "running", "cli", full, Start, null, [Planned("1"), Planned("2")]);

    public static ShardRunView Planned(string shard) =>
        new(shard, null, null, null, null, "planned", 0, 0, 0, null, null, null, null);

    public static ShardRunView Running(string shard, double? progress) =>
        new(shard, $"r{shard}", "full", null, "no chain yet", "running", 40, 512UL << 20, 0, progress, null, Start.AddSeconds(1), null);

    public static ShardRunView Succeeded(string shard) =>
        new(shard, $"r{shard}", "incremental", "20251231T020000Z", "chain depth 1 < 7", "succeeded", 1204, 3UL << 30, 12UL << 30, 1, null,
            Start.AddSeconds(1), Start.AddSeconds(95));

    public static ShardRunView Failed(string shard) =>
        new(shard, $"r{shard}", "full", null, "no chain yet", "failed", 17, 1UL << 20, 0, null, DiskFullError,
            Start.AddSeconds(1), Start.AddSeconds(20));

    public static RunView Finished(string state, params ShardRunView[] shards) =>
        new(RunId, Cluster, state, "cli", false, Start, Start.AddSeconds(96), shards);

    public static RunView Succeeded() => Finished("succeeded", Succeeded("1"), Succeeded("2"));

    public static RunView Partial() => Finished("partial", Succeeded("1"), Failed("2"));

    public static IReadOnlyList<RunEvent> EventsTo(RunView finished)
    {
        var events = new List<RunEvent>
        {
            new(1, Start, RunId, null, "planned", "planned 2 shard(s)", null),
            new(2, Start.AddSeconds(1), RunId, "1", "dispatched", "backup dispatched to r1", Running("1", null)),
            new(3, Start.AddSeconds(2), RunId, "2", "progress", "backup running", Running("2", 0.5)),
        };
        foreach (var shard in finished.Shards)
        {
            events.Add(new(events.Count + 1, shard.FinishedAt ?? Start, RunId, shard.Shard, shard.State, $"backup {shard.State}", shard));
        }

        return events;
    }

    public static IReadOnlyList<AgentView> Agents() =>
    [
        new(Cluster, "2", "r2", "ch-2.internal", "26.5.3.1", "connected", false, Start, Start.AddSeconds(-3), null),
        new(Cluster, "1", "r1", "ch-1.internal", "26.5.3.1", "connected", true, Start, Start.AddSeconds(-1), Start.AddHours(-24)),
    ];

    /// <summary>A tier of two: the answering node, and the older one that runs the singletons and is unreachable.</summary>
    public static IReadOnlyList<CoordinatorNodeView> Nodes() =>
    [
        new("akka.tcp://clickvault-coordinator@coordinator-0:4053", "up", false, true, false),
        new("akka.tcp://clickvault-coordinator@coordinator-1:4053", "up", true, false, true),
    ];

    /// <summary>Deliberately unsorted: the CLI sorts by shard (numerically) then run.</summary>
    public static IReadOnlyList<BackupView> Backups() =>
    [
        Backup("10", "20260101T020000Z", "full", null, 0),
        Backup("2", "20260101T020000Z", "incremental", "20251231T020000Z", 1),
        Backup("1", "20260101T020000Z", "incremental", "20251231T020000Z", 1),
        Backup("2", "20251231T020000Z", "full", null, 0),
        Backup("1", "20251231T020000Z", "full", null, 0),
    ];

    public static StatusView Status() =>
        new(Cluster, Agents(), Started() with { Shards = [Running("1", 0.25), Planned("2")] }, [Partial(), Succeeded() with { RunId = "20251231T020000Z" }])
        {
            Nodes = Nodes(),
        };

    private static BackupView Backup(string shard, string run, string kind, string? baseRun, int depth) =>
        new(shard, run, kind, baseRun, $"r{shard}", depth, 1204, 3UL << 30, 12UL << 30, Start, Start.AddMinutes(2),
            $"backups/{Cluster}/shard-{shard}/{kind}/{run}/");
}
