using System.Diagnostics.CodeAnalysis;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// A standard 5-field cron expression (<c>minute hour day-of-month month day-of-week</c>) with <c>*</c>, lists,
/// ranges, steps (<c>*/n</c>, <c>a-b/n</c>), month and day names, 0 and 7 for Sunday, and the macros
/// <c>@hourly</c>, <c>@daily</c>/<c>@midnight</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>/<c>@annually</c>.
/// </summary>
/// <remarks>
/// When both day-of-month and day-of-week are restricted (either is anything but a plain <c>*</c>), a day matches if
/// EITHER matches (POSIX; note Vixie cron also treats <c>*/n</c> as unrestricted, this parser does not).
/// Occurrences are evaluated on the wall clock of a time zone; see <see cref="GetNextOccurrence"/> for DST.
/// </remarks>
public sealed class CronExpression
{
    /// <summary>How far <see cref="GetNextOccurrence"/> looks: covers Feb 29 across the non-leap year 2100.</summary>
    public const int HorizonYears = 10;

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@hourly"] = "0 * * * *",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@weekly"] = "0 0 * * 0",
        ["@monthly"] = "0 0 1 * *",
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
    };

    private readonly ulong minutes;
    private readonly ulong hours;
    private readonly ulong daysOfMonth;
    private readonly ulong months;
    private readonly ulong daysOfWeek;
    private readonly bool dayOfMonthRestricted;
    private readonly bool dayOfWeekRestricted;
    private readonly bool everyHour;

    private CronExpression(string text, string[] fields, string original)
    {
        Text = text;
        minutes = CronField.Minute.Parse(original, fields[0]);
        hours = CronField.Hour.Parse(original, fields[1]);
        daysOfMonth = CronField.DayOfMonth.Parse(original, fields[2]);
        months = CronField.Month.Parse(original, fields[3]);
        daysOfWeek = CronField.DayOfWeek.Parse(original, fields[4]);
        dayOfMonthRestricted = fields[2] != "*";
        dayOfWeekRestricted = fields[4] != "*";
        everyHour = fields[1].StartsWith('*');
    }

    /// <summary>The expression as parsed (trimmed).</summary>
    public string Text { get; }

    /// <summary>
    /// False when no date can ever match, e.g. <c>0 0 30 2 *</c> (day 30 of February): such an expression parses,
    /// but <see cref="GetNextOccurrence"/> always returns null.
    /// </summary>
    public bool CanFire => !dayOfMonthRestricted || dayOfWeekRestricted || Enumerable.Range(1, 12)
        .Any(m => Has(months, m) && Enumerable.Range(1, m == 2 ? 29 : DateTime.DaysInMonth(2001, m)).Any(d => Has(daysOfMonth, d)));

    /// <exception cref="CronFormatException">The expression is malformed; the message names the field and why.</exception>
    public static CronExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new CronFormatException(text, null, "the expression is empty");
        }
        string fieldsText;
        if (trimmed.StartsWith('@'))
        {
            fieldsText = Macros.TryGetValue(trimmed, out var expansion)
                ? expansion
                : throw new CronFormatException(text, null, $"unknown macro '{trimmed}' (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)");
        }
        else
        {
            fieldsText = trimmed;
        }
        var fields = fieldsText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new CronFormatException(text, null,
                $"expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got {fields.Length}");
        }
        return new CronExpression(trimmed, fields, text);
    }

    /// <summary>Like <see cref="Parse"/>, returning the error message instead of throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        try
        {
            cron = Parse(text);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            cron = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The first matching minute strictly after <paramref name="after"/>, on the wall clock of <paramref name="zone"/>
    /// (UTC when null), as a UTC instant; null when nothing matches within <see cref="HorizonYears"/> years.
    /// </summary>
    /// <remarks>
    /// DST: a local time that does not exist (spring forward) fires once at the first instant after the gap, i.e. a
    /// daily 02:30 job in Europe/Berlin runs at 03:00 CEST on that day rather than being skipped; several skipped times
    /// collapse into that one instant. A local time that occurs twice (fall back) fires once, at its first occurrence
    /// (summer time), unless the hour field starts with <c>*</c> (<c>*</c>, <c>*/n</c>): such interval schedules keep
    /// their cadence and fire in both passes of the repeated hour.
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var localDate = TimeZoneInfo.ConvertTime(after, zone).Date;
        // The previous local date too: a repeated hour across midnight can place its slots after `after`.
        var day = localDate.Year > 1 ? localDate.AddDays(-1) : localDate;
        var end = localDate.Year < 9999 - HorizonYears ? localDate.AddYears(HorizonYears) : new DateTime(9998, 12, 31);
        for (; day <= end; day = day.AddDays(1))
        {
            if (DayMatches(day) && EarliestOn(day, after, zone) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    public override string ToString() => Text;

    private bool DayMatches(DateTime day)
    {
        if (!Has(months, day.Month))
        {
            return false;
        }
        var dom = Has(daysOfMonth, day.Day);
        var dow = Has(daysOfWeek, (int)day.DayOfWeek);
        return dayOfMonthRestricted && dayOfWeekRestricted ? dom || dow : dom && dow;
    }

    private DateTimeOffset? EarliestOn(DateTime day, DateTimeOffset after, TimeZoneInfo zone)
    {
        DateTimeOffset? best = null;
        for (var h = 0; h < 24; h++)
        {
            if (!Has(hours, h))
            {
                continue;
            }
            for (var m = 0; m < 60; m++)
            {
                if (!Has(minutes, m))
                {
                    continue;
                }
                var (first, repeat) = WallClock.Instants(day.AddMinutes((h * 60) + m), zone);
                if (best is { } b && first >= b)
                {
                    return best; // first occurrences grow with the wall clock: nothing later can be earlier
                }
                if (first > after)
                {
                    best = first;
                }
                else if (everyHour && repeat is { } r && r > after && (best is null || r < best))
                {
                    best = r;
                }
            }
        }
        return best;
    }

    private static bool Has(ulong set, int value) => (set & (1UL << value)) != 0;
}
