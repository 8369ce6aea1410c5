using System.Diagnostics.CodeAnalysis;
using Rule = Cronos.CronExpression;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// A standard 5-field cron expression (<c>minute hour day-of-month month day-of-week</c>) or one of the macros
/// <c>@hourly</c>, <c>@daily</c>/<c>@midnight</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>/<c>@annually</c>,
/// evaluated by Cronos on the wall clock of a time zone. Cronos also accepts reversed ranges (<c>22-2</c>), <c>a/n</c>
/// steps and <c>L</c>, <c>W</c>, <c>#</c>, <c>?</c>.
/// </summary>
/// <remarks>
/// When both day-of-month and day-of-week are restricted (either is anything but a plain <c>*</c>), a day matches if
/// EITHER matches, as POSIX cron has it. Cronos ANDs them, so such an expression is kept as two rules (one per day
/// field) and the earlier occurrence wins.
/// </remarks>
public sealed class CronExpression
{
    private static readonly string[] FieldNames = ["minute", "hour", "day-of-month", "month", "day-of-week"];
    private static readonly string[] FieldHints = ["", "", "", " or a name (jan-dec)", " or a name (sun-sat)"];

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

    // Cronos looks no further than 2099; from 2000 it sees every date a rule can select, 29 February included.
    private static readonly DateTimeOffset Reference = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Rule[] _rules;

    private CronExpression(string text, Rule[] rules)
    {
        Text = text;
        _rules = rules;
    }

    /// <summary>The expression as parsed (trimmed).</summary>
    public string Text { get; }

    /// <summary>
    /// False when no date can ever match, e.g. <c>0 0 30 2 *</c> (day 30 of February): such an expression parses,
    /// but <see cref="GetNextOccurrence"/> always returns null.
    /// </summary>
    public bool CanFire => _rules.Any(r => r.GetNextOccurrence(Reference, TimeZoneInfo.Utc) is not null);

    /// <exception cref="CronFormatException">The expression is malformed; the message names the field and why.</exception>
    public static CronExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new CronFormatException(text, null, "the expression is empty");
        }

        var fields = (trimmed.StartsWith('@') ? Expand(text, trimmed) : trimmed).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new CronFormatException(text, null,
                $"expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got {fields.Length}");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            ParseField(text, fields, i);
        }

        Rule[] rules = fields[2] != "*" && fields[4] != "*"
            ? [Rule.Parse(Join(fields, 4, "*")), Rule.Parse(Join(fields, 2, "*"))]
            : [Rule.Parse(string.Join(' ', fields))];
        return new CronExpression(trimmed, rules);
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
    /// (UTC when null), as a UTC instant; null when nothing matches up to the end of 2099.
    /// </summary>
    /// <remarks>
    /// DST (Cronos): a local time that does not exist (spring forward) fires once at the first instant after the gap, so a
    /// daily 02:30 job in Europe/Berlin runs at 03:00 CEST that day rather than being skipped. A local time that occurs
    /// twice (fall back) fires once, at its first occurrence, unless the expression is an interval (<c>*</c> or a step in
    /// the minute or hour field): those keep their cadence through the repeated hour.
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        DateTimeOffset? next = null;
        foreach (var rule in _rules)
        {
            if (rule.GetNextOccurrence(after, zone ?? TimeZoneInfo.Utc) is { } found && (next is null || found < next))
            {
                next = found;
            }
        }

        return next?.ToUniversalTime();
    }

    public override string ToString() => Text;

    private static string Expand(string text, string macro) =>
        Macros.TryGetValue(macro, out var expansion)
            ? expansion
            : throw new CronFormatException(text, null, $"unknown macro '{macro}' (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)");

    // Each field alone, the others '*', so an error names the field Cronos refused.
    private static void ParseField(string text, string[] fields, int index)
    {
        var alone = Enumerable.Range(0, fields.Length).Select(i => i == index ? fields[i] : "*");
        try
        {
            Rule.Parse(string.Join(' ', alone));
        }
        catch (Cronos.CronFormatException e)
        {
            throw new CronFormatException(text, FieldNames[index], $"{FieldNames[index]} '{fields[index]}': {Reason(e.Message)}{FieldHints[index]}");
        }
    }

    // Cronos: "Hours: Value must be a number between 0 and 23 (all inclusive)." -> "value must be a number between 0 and 23"
    private static string Reason(string message)
    {
        var reason = message.Contains(": ", StringComparison.Ordinal) ? message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..] : message;
        reason = reason.Replace(" (all inclusive)", "", StringComparison.Ordinal).TrimEnd('.', ' ');
        return reason.Length == 0 ? "not a valid value" : char.ToLowerInvariant(reason[0]) + reason[1..];
    }

    private static string Join(string[] fields, int replace, string with) =>
        string.Join(' ', fields.Select((f, i) => i == replace ? with : f));
}
