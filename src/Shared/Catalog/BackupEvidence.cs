using System.Globalization;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Shared.Catalog;

/// <summary>
/// The evidence a sidecar records for a later verification: the agent's reading of <c>system.parts</c> narrowed to the parts
/// the backup's own <c>.backup</c> file lists. Pure: the caller reads the <c>.backup</c> (or says why it could not).
/// </summary>
public static class BackupEvidence
{
    /// <param name="reported">What the agent read from the server's metadata (<see cref="BackupTableFigures.FromSnapshot"/>).</param>
    /// <param name="contents">The backup's parts; null when its <c>.backup</c> could not be read (<paramref name="unreadable"/> says why).</param>
    public static IReadOnlyList<BackupTableFigures> Reconcile(
        IReadOnlyList<BackupTableFigures> reported, NativeBackupContents? contents, string? unreadable = null)
    {
        ArgumentNullException.ThrowIfNull(reported);
        return [.. reported.Select(t => t.Parts is null ? t : contents is null ? ActiveOnly(t, unreadable) : Narrow(t, contents))];
    }

    private static BackupTableFigures Narrow(BackupTableFigures table, NativeBackupContents contents)
    {
        var listed = contents.PartsOf(table.ToRef());
        var known = table.Parts!
            .Where(p => listed.Contains(p.Name))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Active == true).First() with { Active = null })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var missing = listed.Except(known.Select(p => p.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            // A part the backup holds that the server had already removed when the agent read its metadata: its rows are unknown.
            return table with
            {
                Rows = null, Parts = known,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"rows not recorded: {missing.Count} of the backup's {listed.Count} parts ({string.Join(", ", missing.Take(3))}) were gone from system.parts when the agent read it"),
            };
        }

        return table with { Rows = Sum(known), Parts = known };
    }

    private static BackupTableFigures ActiveOnly(BackupTableFigures table, string? unreadable)
    {
        var active = table.Parts!.Where(p => p.Active != false).Select(p => p with { Active = null }).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return table with
        {
            Rows = Sum(active), Parts = active,
            Note = $"parts not checked against the backup's .backup file ({unreadable ?? "not read"}): the active parts when the agent read system.parts",
        };
    }

    private static ulong Sum(IEnumerable<PartFigures> parts) => parts.Aggregate(0UL, (total, p) => total + p.Rows);
}
