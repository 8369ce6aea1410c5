using System.Globalization;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>One of the five fields of a cron expression: its name, range and optional value names.</summary>
internal sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string> ValueNames, int FirstNamedValue, bool SevenIsSunday = false)
{
    public static CronField Minute { get; } = new("minute", 0, 59, [], 0);

    public static CronField Hour { get; } = new("hour", 0, 23, [], 0);

    public static CronField DayOfMonth { get; } = new("day-of-month", 1, 31, [], 0);

    public static CronField Month { get; } = new("month", 1, 12,
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1);

    /// <summary>0-7 where both 0 and 7 are Sunday; <see cref="Parse"/> folds 7 onto 0.</summary>
    public static CronField DayOfWeek { get; } = new("day-of-week", 0, 7, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], 0, SevenIsSunday: true);

    /// <summary>The set of values <paramref name="text"/> selects, one bit per value.</summary>
    /// <exception cref="CronFormatException">The field text is malformed or out of range.</exception>
    public ulong Parse(string expression, string text)
    {
        ulong bits = 0;
        foreach (var item in text.Split(','))
        {
            bits |= ParseItem(expression, item);
        }
        if (SevenIsSunday && (bits & (1UL << 7)) != 0)
        {
            bits = (bits & ~(1UL << 7)) | 1UL;
        }
        return bits;
    }

    private ulong ParseItem(string expression, string item)
    {
        if (item.Length == 0)
        {
            throw Fail(expression, $"{Name} has an empty list item");
        }
        var parts = item.Split('/');
        if (parts.Length > 2)
        {
            throw Fail(expression, $"{Name} '{item}' has more than one '/'");
        }
        var (from, to, isSpan) = ParseRange(expression, parts[0]);
        var step = 1;
        if (parts.Length == 2)
        {
            if (!isSpan)
            {
                throw Fail(expression, $"{Name} '{item}': a step needs '*' or a range before it (e.g. */15 or 0-30/15)");
            }
            if (!IsDigits(parts[1]) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                throw Fail(expression, $"{Name} step '{parts[1]}' in '{item}' must be a whole number of at least 1");
            }
        }
        ulong bits = 0;
        for (var v = from; v <= to; v += step)
        {
            bits |= 1UL << v;
        }
        return bits;
    }

    private (int From, int To, bool IsSpan) ParseRange(string expression, string text)
    {
        if (text == "*")
        {
            return (Min, SevenIsSunday ? 6 : Max, true);
        }
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var single = ParseValue(expression, text);
            return (single, single, false);
        }
        var from = ParseValue(expression, text[..dash]);
        var to = ParseValue(expression, text[(dash + 1)..]);
        if (from > to)
        {
            throw Fail(expression, $"{Name} range {text} is reversed (write the smaller value first)");
        }
        return (from, to, true);
    }

    private int ParseValue(string expression, string text)
    {
        if (IsDigits(text))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Min && value <= Max
                ? value
                : throw Fail(expression, $"{Name} {text} is out of range {Min}-{Max}");
        }
        for (var i = 0; i < ValueNames.Count; i++)
        {
            if (string.Equals(ValueNames[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return FirstNamedValue + i;
            }
        }
        var names = ValueNames.Count == 0 ? string.Empty : $" or a name ({ValueNames[0]}-{ValueNames[^1]})";
        throw Fail(expression, text.Length == 0
            ? $"{Name} has a range with a missing value"
            : $"{Name} '{text}' is not a number{names}");
    }

    private CronFormatException Fail(string expression, string problem) => new(expression, Name, problem);

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
