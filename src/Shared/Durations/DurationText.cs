using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Shared.Durations;

/// <summary>
/// What a caller accepts: the range, whether a bare number counts as seconds, and the noun its errors use.
/// </summary>
public sealed record DurationSyntax(TimeSpan Minimum, TimeSpan Maximum, bool BareNumberIsSeconds, string Noun)
{
    private static readonly TimeSpan TenYears = TimeSpan.FromDays(3660);

    /// <summary>Configuration keys: zero allowed (validators set tighter bounds); a bare number is refused, it would bind as days.</summary>
    public static DurationSyntax Configuration { get; } = new(TimeSpan.Zero, TenYears, BareNumberIsSeconds: false, "duration");

    /// <summary>CLI waits and timeouts: a bare number is seconds, as in <c>curl --max-time</c>; at most a day.</summary>
    public static DurationSyntax Wait { get; } = new(TimeSpan.FromTicks(1), TimeSpan.FromDays(1), BareNumberIsSeconds: true, "duration");

    /// <summary>Backup ages (<c>--max-age</c>, <c>--older-than</c>): at least a second, at most ten years.</summary>
    public static DurationSyntax Age { get; } = new(TimeSpan.FromSeconds(1), TenYears, BareNumberIsSeconds: false, "age");
}

/// <summary>
/// The one duration parser of config files and the CLI: one or more numbers each with a unit <c>ms</c>, <c>s</c>, <c>m</c>,
/// <c>h</c>, <c>d</c> or <c>w</c> (<c>500ms</c>, <c>1.5s</c>, <c>1d12h</c>), or a <c>[d.]hh:mm:ss[.fff]</c> span.
/// </summary>
public static partial class DurationText
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)), ("d", TimeSpan.FromDays(1)), ("w", TimeSpan.FromDays(7)),
    ];

    public static bool TryParse(string text, DurationSyntax syntax, out TimeSpan value, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(syntax);
        value = default;
        var total = Read(text.Trim(), syntax.BareNumberIsSeconds);
        if (total is null)
        {
            var bare = syntax.BareNumberIsSeconds ? "seconds (30) or " : "";
            problem = $"'{text}' is not {("aeiou".Contains(syntax.Noun[0], StringComparison.Ordinal) ? "an" : "a")} {syntax.Noun}; "
                + $"use {bare}numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss";
            return false;
        }

        if (total < syntax.Minimum || total > syntax.Maximum)
        {
            var least = syntax.Minimum == TimeSpan.Zero ? "at least 0" : syntax.Minimum.Ticks == 1 ? "more than 0" : $"at least {Describe(syntax.Minimum)}";
            problem = $"'{text}' is out of range; use {least} and at most {Describe(syntax.Maximum)}";
            return false;
        }

        value = total.Value;
        problem = null;
        return true;
    }

    /// <summary>The shortest unit form that reads back to <paramref name="value"/> (<c>1d12h</c>, <c>500ms</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        var rest = value;
        foreach (var (unit, size) in Enumerable.Reverse(Units))
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                parts.Add($"{count.ToString(CultureInfo.InvariantCulture)}{unit}");
                rest -= TimeSpan.FromTicks(count * size.Ticks);
            }
        }

        return rest == TimeSpan.Zero ? string.Concat(parts) : value.ToString("c", CultureInfo.InvariantCulture);
    }

    private static TimeSpan? Read(string text, bool bareNumberIsSeconds)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
        }

        if (bareNumberIsSeconds && Number().IsMatch(text))
        {
            return Ticks(text, TimeSpan.FromSeconds(1));
        }

        var parts = Part().Matches(text);
        if (text.Length == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var unit = Units.First(u => u.Unit.Equals(part.Groups[2].Value, StringComparison.OrdinalIgnoreCase)).Size;
            if (Ticks(part.Groups[1].Value, unit) is not { } amount || amount > TimeSpan.MaxValue - total)
            {
                return null;
            }

            total += amount;
        }

        return total;
    }

    private static TimeSpan? Ticks(string number, TimeSpan unit)
    {
        var amount = double.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * unit.Ticks;
        return amount < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)amount) : null;
    }

    private static string Describe(TimeSpan span) => span.TotalDays > 1 && span.TotalDays % 1 == 0
        ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)} days"
        : span == TimeSpan.FromDays(1) ? "24 hours" : Format(span);

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?$")]
    private static partial Regex Number();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|[smhdw])", RegexOptions.IgnoreCase)]
    private static partial Regex Part();
}
