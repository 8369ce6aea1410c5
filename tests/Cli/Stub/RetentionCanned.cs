using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>Maintenance reports of the canned two-shard cluster: shard 1 has an old chain 20251201 ← 20251202 beyond keep_full_backups = 1.</summary>
internal static class RetentionCanned
{
    public const string OldFull = "20251201T020000Z";
    public const string OldIncremental = "20251202T020000Z";
    public const string Newest = "20251208T020000Z";
    public const string RefusedKey = "b/main/shard-1/full/20251201T020000Z/data/db/events/all_1_1_0/data.bin";

    public static readonly DateTimeOffset Now = new(2025, 12, 10, 2, 0, 0, TimeSpan.Zero);

    private static BackupDecisionView Decision(string run, string kind, string? baseRun, string decision, string reason, ObjectDeletionView? deletion) =>
        new(run, kind, baseRun, OldFull == run || OldIncremental == run ? OldFull : Newest, decision, reason, 3UL << 30,
            $"b/main/shard-1/{kind}/{run}/", deletion);

    public static CleanupReport DryRun() => Cleanup(dryRun: true, null, null);

    public static CleanupReport Applied(ObjectDeletionView incremental, ObjectDeletionView full) => Cleanup(dryRun: false, incremental, full);

    private static CleanupReport Cleanup(bool dryRun, ObjectDeletionView? incremental, ObjectDeletionView? full) => new(dryRun, new RetentionPolicyView(1, null),
    [
        new ShardCleanupView("1", "shard-1", null,
        [
            Decision(OldFull, "full", null, "remove", "chain beyond keep_full_backups = 1 (keep_days not set)", full),
            Decision(OldIncremental, "incremental", OldFull, "remove", "chain beyond keep_full_backups = 1 (keep_days not set)", incremental),
            Decision(Newest, "full", null, "keep", "newest chain is always kept", null),
        ]),
        new ShardCleanupView("2", "shard-2", null, [Decision(Newest, "full", null, "keep", "newest chain is always kept", null)]),
    ]);

    public static DeleteRunReport Deleted() => new(OldFull, true,
    [
        new DeletedBackupView("1", OldIncremental, "incremental", $"b/main/shard-1/incremental/{OldIncremental}/", $"builds on {OldFull}", new ObjectDeletionView(12, 4096, [])),
        new DeletedBackupView("1", OldFull, "full", $"b/main/shard-1/full/{OldFull}/", "requested", new ObjectDeletionView(40, 3L << 30, [])),
    ], []);

    public static CatalogRebuildReport Rebuilt() => new(
    [
        new ShardRebuildView("1", "shard-1", 3, [Newest], [], [new UnusableSidecarView($"b/main/shard-1/full/{OldFull}/.clickvault_meta.json", "status is 'failed', not 'success'")], true, null),
        new ShardRebuildView(null, "odd-folder", 0, [], [], [], false, "no shard id: the folder does not match the shard path template and no agent serves it"),
    ]);

    public static CleanBrokenReport Broken(bool dryRun) => new(dryRun, 7 * 86400,
    [
        new BrokenFolderView("shard-2", "full", "20251120T020000Z", "b/main/shard-2/full/20251120T020000Z/", 1_530, 5L << 30, Now.AddDays(-20), 20 * 86400,
            "delete", "no sidecar and its newest object is 20d 00h old (older than 7d 00h)", false, dryRun ? null : new ObjectDeletionView(1_530, 5L << 30, [])),
        new BrokenFolderView("shard-2", "incremental", "20251209T020000Z", "b/main/shard-2/incremental/20251209T020000Z/", 3, 300, Now.AddHours(-3), 3 * 3600,
            "keep", "no sidecar, but its newest object is only 3h 00m old (younger than 7d 00h): it may still be written", false, null),
    ]);
}
