using ClickVault.Cluster.Coordinator.Scheduling;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

public sealed class ScheduleOptionsValidatorTests
{
    public static TheoryData<string, string, string?, string[]> Cases => new()
    {
        { "backup", "0 2 * * *", "Europe/Berlin", [] },
        { "backup", "@daily", null, [] },
        { "nightly_full-1", "0 3 * * sun", "", [] },
        { "backup", "0 25 * * *", null, ["schedule.backup: cron '0 25 * * *': hour '25': value must be a number between 0 and 23"] },
        { "backup", "0 2 * * *", "Mars/Olympus", ["schedule.time_zone: 'Mars/Olympus' is not a known time zone (use an IANA id such as Europe/Berlin, or UTC)"] },
        { "backup", "0 0 30 2 *", null, ["schedule.backup: cron '0 0 30 2 *' never fires (no selected month has the selected day of month)"] },
        { "backup", " ", null, ["schedule.backup must be a cron expression (e.g. '0 2 * * *' or @daily)"] },
        { "bad name!", "@daily", null, ["schedule: job name 'bad name!' is invalid: expected 1-64 of letters, digits, '_' or '-'"] },
        {
            "backup", "61 * * * *", "Nowhere/City",
            [
                "schedule.backup: cron '61 * * * *': minute '61': value must be a number between 0 and 59",
                "schedule.time_zone: 'Nowhere/City' is not a known time zone (use an IANA id such as Europe/Berlin, or UTC)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Names_the_key_of_every_problem(string name, string cron, string? zone, string[] expected)
    {
        var options = new ScheduleOptions(name, cron, zone);

        var schedule = ScheduleOptionsValidator.TryCreate(options, out var failures);

        Assert.Equal(expected, failures);
        Assert.Equal(expected.Length == 0, schedule is not null);
        Assert.Equal(expected, ScheduleOptionsValidator.Validate(options));
    }

    [Fact]
    public void A_valid_entry_becomes_a_schedule_in_its_zone()
    {
        var berlin = ScheduleOptionsValidator.TryCreate(new ScheduleOptions("backup", "30 2 * * *", "Europe/Berlin"), out _);
        var utc = ScheduleOptionsValidator.TryCreate(new ScheduleOptions("backup", "30 2 * * *", null), out _);

        Assert.Equal("Europe/Berlin", berlin!.Zone.Id);
        Assert.Equal("30 2 * * *", berlin.Cron.Text);
        Assert.Equal(TimeZoneInfo.Utc, utc!.Zone);
        Assert.Equal(CronExpressionTests.At("2026-01-01T01:30:00Z"), berlin.NextSlot(CronExpressionTests.At("2026-01-01T00:00:00Z")));
    }
}
