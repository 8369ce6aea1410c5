using System.Globalization;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>How numbers, sizes, times and missing values read in tables and event lines.</summary>
public static class DisplayFormat
{
    public const string Missing = "-";

    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : value;

    /// <summary>Binary units: <c>0 B</c>, <c>512 B</c>, <c>1.5 KiB</c>, <c>12.3 GiB</c>.</summary>
    public static string Bytes(ulong bytes)
    {
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    public static string Count(ulong count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><c>850ms</c>, <c>42s</c>, <c>3m 05s</c>, <c>2h 03m</c>, <c>3d 04h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration switch
        {
            { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMilliseconds}ms"),
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds}s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h {duration.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d {duration.Hours:00}h"),
        };
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } from && end is { } to ? Duration(to - from) : Missing;

    public static string Age(DateTimeOffset now, DateTimeOffset then) => $"{Duration(now - then)} ago";

    public static string Timestamp(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : Missing;

    public static string Clock(DateTimeOffset time) =>
        time.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Percent(double? fraction) =>
        fraction is { } value ? string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(value, 0, 1) * 100:0}%") : Missing;
}
