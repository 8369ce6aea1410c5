using ClickVault.Cluster.Coordinator.Scheduling;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Scheduling.CronExpressionTests;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

/// <summary>
/// Europe/Berlin 2026: spring forward on Sunday 29 March (02:00 CET -> 03:00 CEST at 01:00Z), fall back on Sunday
/// 25 October (03:00 CEST -> 02:00 CET at 01:00Z).
/// </summary>
public sealed class CronDaylightSavingTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        // spring forward: 02:30 does not exist that day; the job runs once when the clock jumps (03:00 CEST), not skipped
        { "daily 02:30 runs at the jump", "30 2 * * *", "2026-03-28T12:00:00Z", ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"] },
        { "03:00 exists and runs as usual", "0 3 * * *", "2026-03-28T12:00:00Z", ["2026-03-29T01:00:00Z", "2026-03-30T01:00:00Z"] },
        { "hourly: the missing 02:00 and 03:00 are one run", "0 * * * *", "2026-03-28T23:30:00Z", ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"] },
        { "every 30 min: the missing hour collapses into the jump", "*/30 * * * *", "2026-03-29T00:45:00Z", ["2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"] },
        // fall back: 02:00-02:59 happens twice; a fixed-time job runs once, at the first (summer time) occurrence
        { "daily 02:30 runs once", "30 2 * * *", "2026-10-24T12:00:00Z", ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"] },
        // a step in the minute field makes an interval too (Cronos): it keeps its cadence through both passes of 02:xx
        { "fixed hour, every 30 min: both passes", "*/30 2 * * *", "2026-10-24T23:30:00Z", ["2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:00:00Z"] },
        { "fixed minute list in a fixed hour: once", "0,30 2 * * *", "2026-10-24T23:30:00Z", ["2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:00:00Z"] },
        { "after the first 02:30 passed, not again in the repeat", "30 2 * * *", "2026-10-25T00:45:00Z", ["2026-10-26T01:30:00Z"] },
        // interval schedules ('*' or a step in the minute or hour field) keep their cadence through the repeated hour
        { "hourly keeps its cadence", "0 * * * *", "2026-10-24T23:30:00Z", ["2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"] },
        { "every 20 min during the repeat", "*/20 * * * *", "2026-10-25T00:50:00Z", ["2026-10-25T01:00:00Z", "2026-10-25T01:20:00Z", "2026-10-25T01:40:00Z", "2026-10-25T02:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_sensibly_across_transitions(string name, string expression, string after, string[] expected)
    {
        var found = Occurrences(CronExpression.Parse(expression), At(after), Berlin, expected.Length);

        Assert.True(expected.Select(At).Cast<DateTimeOffset?>().SequenceEqual(found),
            $"{name}: expected {string.Join(", ", expected)}, got {string.Join(", ", found.Select(f => f?.ToString("u", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Every_minute_through_both_transitions_is_strictly_increasing_and_never_repeats_an_instant()
    {
        var cron = CronExpression.Parse("* * * * *");
        foreach (var start in new[] { At("2026-03-29T00:30:00Z"), At("2026-10-24T23:30:00Z") })
        {
            var found = Occurrences(cron, start, Berlin, 180);

            Assert.All(found.Zip(found.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second!.Value - pair.First!.Value));
        }
    }
}
