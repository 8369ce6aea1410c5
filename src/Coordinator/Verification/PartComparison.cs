using System.Globalization;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// One restored table against figures recorded from metadata: rows equal, every recorded part restored byte-identical
/// (its <c>hash_of_all_files</c> among the restored parts, outdated ones included since the scratch copy may merge at
/// once), CHECK TABLE passed, and with <c>--content</c> every row read. The evidence column says what was proven.
/// </summary>
internal static class PartComparison
{
    /// <summary>How the evidence column says every recorded part was restored byte-identical.</summary>
    public const string PartsIdentical = "parts identical";

    public static VerifyTableView Compare(BackupTableFigures recorded, TableFigures restored)
    {
        var proven = new List<string>();
        var problems = new List<string>();
        if (recorded.Rows is { } rows)
        {
            if (restored.Rows != rows)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"rows: restored {restored.Rows?.ToString(CultureInfo.InvariantCulture) ?? "not counted"}{(restored.Checksum is null ? "" : " (read in full)")}, recorded {rows}"));
            }
        }
        else
        {
            proven.Add($"rows not compared ({recorded.Note ?? "none recorded"})");
        }

        ComparePartsOf(recorded.Parts!, restored, proven, problems);
        switch (restored.Integrity)
        {
            case { Passed: true }:
                proven.Add("CHECK TABLE passed");
                break;
            case { Passed: false } damaged:
                problems.Add(IntegrityProblem(damaged));
                break;
            default:
                proven.Add("no CHECK TABLE for this engine");
                break;
        }

        if (restored.Checksum is not null)
        {
            proven.Add("every row read");
        }

        return new VerifyTableView(recorded.Database, recorded.Table, problems.Count == 0, VerifyComparison.Recorded(recorded), restored.Rows,
            problems.Count == 0 ? string.Join(", ", proven) : VerifyComparison.Mismatch, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>How a failed CHECK TABLE is told, whatever figures the backup recorded.</summary>
    public static string IntegrityProblem(TableIntegrity damaged) => $"integrity: CHECK TABLE of the restored table failed: {damaged.Detail}";

    private static void ComparePartsOf(IReadOnlyList<PartFigures> recorded, TableFigures restored, List<string> proven, List<string> problems)
    {
        if (restored.Parts is not { } parts)
        {
            problems.Add("parts: the restored table's parts could not be listed");
            return;
        }

        var available = parts.GroupBy(p => p.Hash, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var differing = new List<string>();
        foreach (var part in recorded)
        {
            if (available.TryGetValue(part.Hash, out var left) && left > 0)
            {
                available[part.Hash] = left - 1;
            }
            else
            {
                differing.Add(part.Name);
            }
        }

        if (differing.Count == 0)
        {
            proven.Add(string.Create(CultureInfo.InvariantCulture, $"{recorded.Count} {PartsIdentical}"));
        }
        else
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"parts: {differing.Count} of {recorded.Count} recorded parts were not restored byte-identical ({string.Join(", ", differing.Take(3))})"));
        }
    }
}
