using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Parses durations like <c>30</c> (seconds), <c>500ms</c>, <c>30s</c>, <c>2m</c>: positive and at most a day.</summary>
public static class DurationText
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public static bool TryParse(string text, out TimeSpan duration, [NotNullWhen(false)] out string? problem)
    {
        var trimmed = text.Trim();
        var (number, unit) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (trimmed[..^2], TimeSpan.FromMilliseconds(1)),
            _ when trimmed.EndsWith('s') || trimmed.EndsWith('S') => (trimmed[..^1], TimeSpan.FromSeconds(1)),
            _ when trimmed.EndsWith('m') || trimmed.EndsWith('M') => (trimmed[..^1], TimeSpan.FromMinutes(1)),
            _ => (trimmed, TimeSpan.FromSeconds(1)),
        };

        duration = default;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value))
        {
            problem = $"'{text}' is not a duration; use seconds (30) or a number with ms, s or m (500ms, 30s, 2m)";
            return false;
        }

        if (value <= 0 || value * unit.Ticks > Longest.Ticks)
        {
            problem = $"'{text}' is out of range; use more than 0 and at most 24 hours";
            return false;
        }

        duration = TimeSpan.FromTicks((long)(value * unit.Ticks));
        problem = null;
        return true;
    }
}
