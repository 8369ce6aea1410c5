using System.Globalization;
using ClickVault.Cluster.Coordinator.Scheduling;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

public sealed class CronExpressionTests
{
    public static TheoryData<string, string, string[]> Valid => new()
    {
        { "* * * * *", "2026-01-01T00:00:30Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"] },
        { "*/15 * * * *", "2026-01-01T00:07:30Z", ["2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:00:00Z"] },
        { "5-20/5 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:20:00Z", "2026-01-01T01:05:00Z"] },
        { "1-3,0-59/20 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z", "2026-01-01T00:20:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:00:00Z"] },
        { "0 0-23/6 * * *", "2026-01-01T00:00:00Z", ["2026-01-01T06:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T18:00:00Z", "2026-01-02T00:00:00Z"] },
        { "0 2 * * *", "2026-01-01T02:00:00Z", ["2026-01-02T02:00:00Z", "2026-01-03T02:00:00Z"] },
        { "  0   2 * *  *  ", "2026-01-01T00:00:00Z", ["2026-01-01T02:00:00Z"] },
        { "30 4 1,15 * *", "2026-01-01T05:00:00Z", ["2026-01-15T04:30:00Z", "2026-02-01T04:30:00Z", "2026-02-15T04:30:00Z"] },
        { "0 9-17/4 * * mon-fri", "2026-01-02T16:00:00Z", ["2026-01-02T17:00:00Z", "2026-01-05T09:00:00Z", "2026-01-05T13:00:00Z"] },
        { "0 0 1 JAN,jul *", "2026-01-01T00:00:00Z", ["2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z"] },
        { "0 0 * * 0", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"] },
        { "0 0 * * 7", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"] },
        { "0 0 * * Sun", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"] },
        { "0 0 * * 5-7", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-09T00:00:00Z"] },
        { "@hourly", "2026-01-01T00:30:00Z", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"] },
        { "@daily", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"] },
        { "@MIDNIGHT", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z"] },
        { "@weekly", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"] },
        { "@monthly", "2026-01-01T00:00:00Z", ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"] },
        { "@yearly", "2026-01-01T00:00:00Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"] },
        { "@annually", "2026-06-01T00:00:00Z", ["2027-01-01T00:00:00Z"] },
        { "0 0 31 * *", "2026-01-31T00:00:00Z", ["2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z", "2026-08-31T00:00:00Z"] },
        { "0 0 29 2 *", "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"] },
        { "0 0 29 2 *", "2092-03-01T00:00:00Z", ["2096-02-29T00:00:00Z"] },
        // what Cronos accepts beyond POSIX: reversed ranges wrap, 'a/n' starts at a, L is the last day of the month
        { "0 22-1 * * *", "2026-01-01T12:00:00Z", ["2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z", "2026-01-02T01:00:00Z", "2026-01-02T22:00:00Z"] },
        { "0 0 * * sat-sun", "2026-01-01T00:00:00Z", ["2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-10T00:00:00Z"] },
        { "5/20 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:05:00Z", "2026-01-01T00:25:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:05:00Z"] },
        { "0 0 L * *", "2026-01-15T00:00:00Z", ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z"] },
    };

    public static TheoryData<string, string, string[]> DayOfMonthOrDayOfWeek => new()
    {
        // both restricted: either matches (13th or Friday)
        { "0 0 13 * fri", "2026-04-01T00:00:00Z", ["2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z", "2026-04-13T00:00:00Z", "2026-04-17T00:00:00Z"] },
        // day-of-week is '*': only the day of month counts
        { "0 0 13 * *", "2026-04-01T00:00:00Z", ["2026-04-13T00:00:00Z", "2026-05-13T00:00:00Z"] },
        // day-of-month is '*': only the day of week counts
        { "0 0 * * fri", "2026-04-01T00:00:00Z", ["2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z", "2026-04-17T00:00:00Z"] },
        // a step is a restriction too (unlike Vixie cron): days 1, 11, 21, 31 or Mondays
        { "0 0 */10 * 1", "2026-01-01T00:00:00Z", ["2026-01-05T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z", "2026-01-21T00:00:00Z"] },
        // Feb 30 never exists, but Mondays of February do
        { "0 0 30 2 mon", "2026-01-01T00:00:00Z", ["2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    [MemberData(nameof(DayOfMonthOrDayOfWeek))]
    public void Next_occurrences_in_utc(string expression, string after, string[] expected)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(expected.Select(e => (DateTimeOffset?)At(e)), Occurrences(cron, At(after), null, expected.Length));
        Assert.True(cron.CanFire);
    }

    public static TheoryData<string, string?, string, string> Invalid => new()
    {
        { "0 25 * * *", "hour", "hour '25': value must be a number between 0 and 23", "cron '0 25 * * *': hour '25'" },
        { "60 * * * *", "minute", "minute '60': value must be a number between 0 and 59", "minute '60'" },
        { "0 0 0 * *", "day-of-month", "day-of-month '0': value must be a number between 1 and 31", "day-of-month '0'" },
        { "0 0 32 * *", "day-of-month", "day-of-month '32': value must be a number between 1 and 31", "between 1 and 31" },
        { "0 0 * 13 *", "month", "month '13': value must be a number between 1 and 12 or a name (jan-dec)", "month '13'" },
        { "0 0 * * 8", "day-of-week", "day-of-week '8': value must be a number between 0 and 7 or a name (sun-sat)", "day-of-week '8'" },
        { "0 99999999999 * * *", "hour", "hour '99999999999': value must be a number between 0 and 23", "hour '99999999999'" },
        { "0 0 * foo *", "month", "month 'foo': value must be a number between 1 and 12 or a name (jan-dec)", "month 'foo'" },
        { "0 0 * * funday", "day-of-week", "day-of-week 'funday': value must be a number between 0 and 7 or a name (sun-sat)", "(sun-sat)" },
        { "x * * * *", "minute", "minute 'x': value must be a number between 0 and 59", "minute 'x'" },
        { "0 mon * * *", "hour", "hour 'mon': value must be a number between 0 and 23", "hour 'mon'" },
        { "*/0 * * * *", "minute", "minute '*/0': value must be a number between 1 and 59", "minute '*/0'" },
        { "0 0 1-31/x * *", "day-of-month", "day-of-month '1-31/x': value must be a number between 1 and 31", "'1-31/x'" },
        { "*/5/2 * * * *", "minute", "minute '*/5/2': unexpected character '/'", "unexpected character" },
        { "1,,2 * * * *", "minute", "minute '1,,2': value must be a number between 0 and 59", "'1,,2'" },
        { "0 -1 * * *", "hour", "hour '-1': value must be a number between 0 and 23", "hour '-1'" },
        { "1-3,*/20 * * * *", "minute", "minute '1-3,*/20': value must be a number between 0 and 59", "'1-3,*/20'" },
        { "0 0 * *", null, "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got 4", "got 4" },
        { "0 0 * * * *", null, "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got 6", "got 6" },
        { "   ", null, "the expression is empty", "cron '   ': the expression is empty" },
        { "@fortnightly", null, "unknown macro '@fortnightly' (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)", "@fortnightly" },
        { "@every_minute", null, "unknown macro '@every_minute' (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)", "@every_minute" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_expressions_name_the_field_and_why(string expression, string? field, string problem, string inMessage)
    {
        var e = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));

        Assert.Equal(field, e.Field);
        Assert.Equal(problem, e.Problem);
        Assert.Equal($"cron '{expression}': {problem}", e.Message);
        Assert.Contains(inMessage, e.Message, StringComparison.Ordinal);
        Assert.False(CronExpression.TryParse(expression, out var cron, out var error));
        Assert.Null(cron);
        Assert.Equal(e.Message, error);
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    public void An_impossible_date_parses_but_never_occurs(string expression)
    {
        var cron = CronExpression.Parse(expression);

        Assert.False(cron.CanFire);
        Assert.Null(cron.GetNextOccurrence(At("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void Evaluates_on_the_wall_clock_of_the_zone()
    {
        var cron = CronExpression.Parse("0 2 * * *");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal(At("2026-01-10T01:00:00Z"), cron.GetNextOccurrence(At("2026-01-10T00:00:00Z"), berlin));
        Assert.Equal(At("2026-07-10T00:00:00Z"), cron.GetNextOccurrence(At("2026-07-09T12:00:00Z"), berlin));
        Assert.Equal(At("2026-01-10T02:00:00Z"), cron.GetNextOccurrence(At("2026-01-10T00:00:00Z")));
        Assert.Equal(TimeSpan.Zero, cron.GetNextOccurrence(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.FromHours(5)), berlin)!.Value.Offset);
    }

    [Fact]
    public void Keeps_its_text()
    {
        Assert.Equal("0 2 * * *", CronExpression.Parse("  0 2 * * *  ").ToString());
        Assert.Equal("@daily", CronExpression.Parse("@daily").Text);
    }

    internal static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static IReadOnlyList<DateTimeOffset?> Occurrences(CronExpression cron, DateTimeOffset after, TimeZoneInfo? zone, int count)
    {
        var found = new List<DateTimeOffset?>();
        for (var i = 0; i < count; i++)
        {
            var next = cron.GetNextOccurrence(after, zone);
            found.Add(next);
            after = next ?? after;
        }
        return found;
    }
}
