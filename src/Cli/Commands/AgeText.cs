using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Parses ages like <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>: a whole number and a unit, at least a second, at most 10 years.</summary>
public static class AgeText
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    public static bool TryParse(string text, out TimeSpan age, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        age = default;
        TimeSpan? unit = trimmed.Length == 0 ? null : char.ToLowerInvariant(trimmed[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null || !long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"'{text}' is not an age; use a whole number and a unit s, m, h, d or w (30m, 12h, 7d)";
            return false;
        }
        if (count < 1 || count > Longest.Ticks / unit.Value.Ticks)
        {
            problem = $"'{text}' is out of range; use at least 1s and at most 10 years";
            return false;
        }
        age = count * unit.Value;
        problem = null;
        return true;
    }
}
