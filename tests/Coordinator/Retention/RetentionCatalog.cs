using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

/// <summary>Short-hand catalogs for retention tests: backups are named by their 2026 day ("1101" = 20261101T020000Z) and finish an hour after they start.</summary>
internal static class RetentionCatalog
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    public static RunId Run(string day) => RunId.Parse($"2026{day}T020000Z");

    public static CatalogEntry Full(string day) => Entry(day, BackupKind.Full, null);

    public static CatalogEntry Inc(string day, string? baseDay) => Entry(day, BackupKind.Incremental, baseDay);

    public static ShardCatalog Of(params CatalogEntry[] entries) => ShardCatalog.Empty("c", "1", "shard-1") with { Backups = entries };

    private static CatalogEntry Entry(string day, BackupKind kind, string? baseDay)
    {
        var run = Run(day);
        return new CatalogEntry(run, kind, $"c/shard-1/{BackupLayout.KindSegment(kind)}/{run}/", baseDay is null ? null : Run(baseDay),
            "r1", 10, 100, 100, 100, run.StartedAt, run.StartedAt.AddHours(1), 0, ["db"]);
    }
}
