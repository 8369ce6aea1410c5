using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Tables;

/// <summary>
/// The local ClickHouse's tables as the agent inspects and drops them: for backup figures, the restore's refusal to
/// overwrite non-empty tables, <c>--replace</c>, and verification (restore into a scratch database, measure it, drop it).
/// Every name is validated as a <see cref="Shared.Sql.SqlIdentifier"/> before it reaches SQL.
/// </summary>
public interface ILocalTables
{
    /// <summary>
    /// Every table of <paramref name="databases"/> (none for a database that does not exist), ordered by database and
    /// name, with engine and rows; with <paramref name="checksums"/> each data-holding table is counted and summed.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a valid identifier.</exception>
    Task<IReadOnlyList<TableFigures>> InspectAsync(IReadOnlyList<string> databases, bool checksums, CancellationToken cancellationToken);

    /// <summary>
    /// Every table of <paramref name="databases"/> from the server's metadata alone, never reading table data: MergeTree
    /// tables with every part <c>system.parts</c> lists (outdated ones included) and their active rows; other engines with
    /// the row count <c>system.tables</c> keeps (null when it keeps none). With <paramref name="integrity"/> each
    /// data-holding table also gets ClickHouse's <c>CHECK TABLE</c> (which reads its files: for scratch copies only).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a valid identifier.</exception>
    Task<IReadOnlyList<TableFigures>> SnapshotAsync(IReadOnlyList<string> databases, bool integrity, CancellationToken cancellationToken);

    /// <summary>The databases whose name starts with <paramref name="prefix"/> (non-empty), ordered by name.</summary>
    /// <exception cref="ArgumentException">The prefix is empty.</exception>
    Task<IReadOnlyList<string>> DatabasesAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Drops each table (if it exists), then each database (if it exists). Returns what was dropped; on the first
    /// failure the result holds what was dropped before it and the error.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a valid identifier (nothing was dropped).</exception>
    Task<DropResult> DropAsync(IReadOnlyList<TableRef> tables, IReadOnlyList<string> databases, CancellationToken cancellationToken);
}

/// <summary>What a drop did; <see cref="Error"/> names the first statement that failed (later ones were not run).</summary>
public sealed record DropResult(IReadOnlyList<TableRef> Tables, IReadOnlyList<string> Databases, string? Error);

/// <summary>Which engines hold data of their own, so counting and summing them measures what a backup holds.</summary>
public static class TableEngines
{
    private static readonly HashSet<string> Others = new(StringComparer.Ordinal)
    {
        "Log", "TinyLog", "StripeLog", "Memory", "Set", "Join", "EmbeddedRocksDB",
    };

    /// <summary>MergeTree family (Replicated* included), Log family, Memory, Set, Join, EmbeddedRocksDB.</summary>
    public static bool HoldsData(string engine) =>
        engine.EndsWith("MergeTree", StringComparison.Ordinal) || Others.Contains(engine);

    /// <summary>The MergeTree family (Replicated* included): tables whose data lives in parts <c>system.parts</c> lists.</summary>
    public static bool HasParts(string engine) => engine.EndsWith("MergeTree", StringComparison.Ordinal);

    /// <summary>Why a table is not measured.</summary>
    public static string NotMeasured(string engine) => $"not measured: engine {engine} holds no data of its own";
}
