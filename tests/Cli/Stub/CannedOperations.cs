using ClickVault.Cluster.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>What the stub coordinator answers for describe, check, logs and cancel.</summary>
internal static class CannedOperations
{
    public const string Prefix = "backups/main/shard-1/incremental/20260101T020000Z/";

    public static BackupDescription Backup() => new(
        Canned.RunId, Canned.Cluster, "1", "succeeded", null, "chain depth 1 < 7", "incremental", "r1", "20251231T020000Z", Prefix,
        Prefix + ".clickvault_meta.json", true, 1204, 12UL << 30, 3UL << 30, 5UL << 30, "26.5.3.1", 2, ["shop"],
        Canned.Start.AddSeconds(1), Canned.Start.AddSeconds(95), 94,
        [
            Link("20251230T020000Z", "full", null, 0),
            Link("20251231T020000Z", "incremental", "20251230T020000Z", 1),
            Link(Canned.RunId, "incremental", "20251231T020000Z", 2),
        ],
        true)
    {
        ReplicaReason = "chain affinity: r1 took the chain's previous backup 20251231T020000Z",
    };

    public static BackupDescription FailedBackup() => new(
        Canned.RunId, Canned.Cluster, "2", "failed", Canned.DiskFullError, "no chain yet", "full", "r2", null,
        "backups/main/shard-2/full/20260101T020000Z/", null, false, 17, 0, 0, 1UL << 20, null, null, [],
        Canned.Start.AddSeconds(1), Canned.Start.AddSeconds(20), 19, [], true);

    public static RunDescription Run() => new(
        Canned.RunId, Canned.Cluster, "partial", "schedule", false, Canned.Start, Canned.Start.AddSeconds(96), 96, false, "manifest",
        [FailedBackup(), Backup()]);

    public static CheckView Check(bool ok) => new(
        Canned.Cluster, Canned.Start, 26 * 3600, ok, null,
        ok
            ? [Fresh("1"), Fresh("2")]
            : [Fresh("1"), new ShardCheckView("2", false, null, null, null, null, true, "no good backup at all"),
                new ShardCheckView("10", false, "20251220T020000Z", "full", Canned.Start.AddDays(-12), 12 * 86400, false, "newest good backup 20251220T020000Z is older than the maximum age")]);

    public static RunLogView Log(bool finished) => new(
        Canned.RunId, finished ? "partial" : "running", finished, finished ? "archive" : "coordinator",
        finished ? Canned.EventsTo(Canned.Partial()) : [.. Canned.EventsTo(Canned.Partial()).Take(2)]);

    public static CancelRunView Cancel() => new(
        Canned.Started() with { Shards = [Canned.Running("1", null), Canned.Failed("2") with { Error = "cancelled by operator before its backup was dispatched" }] },
        [
            new ShardCancelView("1", "r1", "signalled", "replica r1 was told to kill backup 20260101T020000Z-1; a backup that is nearly done may still succeed"),
            new ShardCancelView("2", null, "not_dispatched", "cancelled by operator before its backup was dispatched"),
        ]);

    /// <summary>Maps the routes with the given answers; <paramref name="found"/> false makes describe answer 404.</summary>
    public static Action<WebApplication> Routes(bool found = true, bool ok = true, bool finished = true) => app =>
    {
        app.MapGet(DescribeRoutes.Run, (string runId) => found
            ? Results.Json(Run(), DescribeJson.Default.RunDescription)
            : Results.Json(new ApiError("not_found", $"no run '{runId}'"), ApiJson.Default.ApiError, statusCode: 404));
        app.MapGet(DescribeRoutes.Backup, (string runId, string shard) => found
            ? Results.Json(shard == "1" ? Backup() : FailedBackup(), DescribeJson.Default.BackupDescription)
            : Results.Json(new ApiError("not_found", $"run {runId} has no backup of shard '{shard}' (its shards: 1, 2)"), ApiJson.Default.ApiError, statusCode: 404));
        app.MapGet(CheckRoutes.Check, () => Results.Json(Check(ok), CheckJson.Default.CheckView));
        app.MapGet(RunLogRoutes.RunLog, (string? shard) =>
        {
            var log = Log(finished);
            return Results.Json(log with { Events = [.. log.Events.Where(e => shard is null || e.Shard == shard)] }, RunLogJson.Default.RunLogView);
        });
        app.MapPost(CancelRoutes.CancelRun, (string runId) => runId == Canned.RunId || runId == "latest"
            ? Results.Json(Cancel(), CancelJson.Default.CancelRunView, statusCode: 202)
            : Results.Json(new ApiError("run_not_active", $"run {runId} is not active: it finished succeeded"), ApiJson.Default.ApiError, statusCode: 409));
    };

    private static ShardCheckView Fresh(string shard) =>
        new(shard, true, Canned.RunId, "incremental", Canned.Start, 7200, true, "newest good backup 20260101T020000Z is younger than the maximum age");

    private static ChainLink Link(string run, string kind, string? baseRun, int depth) =>
        new(run, kind, baseRun, depth, 1204, 3UL << 30, Canned.Start.AddMinutes(2), $"backups/main/shard-1/{kind}/{run}/");
}
