using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>Checks one job schedule and turns a valid one into a <see cref="CronSchedule"/>; every message names its key.</summary>
public static partial class ScheduleOptionsValidator
{
    /// <summary>Every problem of one schedule entry; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(ScheduleOptions options)
    {
        _ = TryCreate(options, out var failures);
        return failures;
    }

    /// <summary>The schedule of <paramref name="options"/>, or null and the messages saying why there is none.</summary>
    public static CronSchedule? TryCreate(ScheduleOptions options, out IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        failures = problems;
        const string section = ScheduleSettings.Section;
        var key = $"{section}.{options.Name}";
        if (options.Name is null || !NamePattern().IsMatch(options.Name))
        {
            problems.Add($"{section}: job name '{options.Name}' is invalid: expected 1-64 of letters, digits, '_' or '-'");
        }
        CronExpression? cron = null;
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            problems.Add($"{key} must be a cron expression (e.g. '0 2 * * *' or @daily)");
        }
        else if (!CronExpression.TryParse(options.Cron, out cron, out var error))
        {
            problems.Add($"{key}: {error}");
        }
        else if (!cron.CanFire)
        {
            problems.Add($"{key}: cron '{options.Cron}' never fires (no selected month has the selected day of month)");
        }
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out zone))
        {
            problems.Add(UnknownZone(options.TimeZone));
        }
        return problems.Count == 0 ? new CronSchedule(options.Name!, cron!, zone!) : null;
    }

    /// <summary>The message for a <c>schedule.time_zone</c> that names no known zone.</summary>
    public static string UnknownZone(string zone) =>
        $"{ScheduleSettings.Section}.time_zone: '{zone}' is not a known time zone (use an IANA id such as Europe/Berlin, or UTC)";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
