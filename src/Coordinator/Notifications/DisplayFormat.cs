using System.Globalization;
using System.Text;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>Sizes, durations and texts as people read them in a chat message.</summary>
public static class DisplayFormat
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Binary units with one decimal above bytes: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.0 GiB</c>.</summary>
    public static string Size(ulong bytes)
    {
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary><c>&lt;1s</c>, <c>45s</c>, <c>3m 12s</c>, <c>2h 05m</c>, <c>1d 02h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return "<1s";
        }

        return duration switch
        {
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m {duration.Seconds:00}s"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.Hours}h {duration.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d {duration.Hours:00}h"),
        };
    }

    /// <summary>The text on one line (line breaks and runs of whitespace become one space), cut with '…' to at most <paramref name="max"/> characters.</summary>
    public static string? Truncate(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var line = new StringBuilder(Math.Min(text.Length, max + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            var next = space ? 2 : 1;
            if (line.Length + next > max)
            {
                line.Length = Math.Min(line.Length, max - 1);
                return line.ToString().TrimEnd() + "…";
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return line.ToString();
    }
}
