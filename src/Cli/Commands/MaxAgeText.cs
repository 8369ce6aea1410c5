using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// Parses backup ages like <c>26h</c>, <c>7d</c>, <c>90m</c>, <c>1d12h</c>, <c>2w</c>: one or more whole numbers each with a
/// unit s, m, h, d or w; positive and at most ten years.
/// </summary>
public static partial class MaxAgeText
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    public static bool TryParse(string text, out TimeSpan age, [NotNullWhen(false)] out string? problem)
    {
        age = default;
        var trimmed = text.Trim();
        var parts = Part().Matches(trimmed);
        if (trimmed.Length == 0 || parts.Sum(m => m.Length) != trimmed.Length)
        {
            problem = $"'{text}' is not an age; use whole numbers with a unit s, m, h, d or w, e.g. 26h, 7d, 90m, 1d12h";
            return false;
        }

        var seconds = 0.0;
        foreach (Match part in parts)
        {
            var unit = part.Groups[2].Value.ToLowerInvariant() switch
            {
                "s" => 1.0,
                "m" => 60.0,
                "h" => 3600.0,
                "d" => 86400.0,
                _ => 7 * 86400.0,
            };
            seconds += double.Parse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture) * unit;
        }

        var total = seconds <= Longest.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        if (total <= TimeSpan.Zero || total > Longest)
        {
            problem = $"'{text}' is out of range; use more than 0 and at most 3660 days";
            return false;
        }

        age = total;
        problem = null;
        return true;
    }

    [GeneratedRegex("([0-9]+)([smhdwSMHDW])")]
    private static partial Regex Part();
}
