using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>Checks <c>schedules</c> entries and turns valid ones into <see cref="CronSchedule"/>s; every message names its key.</summary>
public static partial class ScheduleOptionsValidator
{
    /// <summary>Every problem of <paramref name="schedules"/> (names, duplicates, cron, time zone); empty when all are valid.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<ScheduleOptions> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var options in schedules)
        {
            if (!seen.Add(options.Name ?? string.Empty))
            {
                failures.Add($"schedules.{options.Name}: defined more than once");
            }
            failures.AddRange(Validate(options));
        }
        return failures;
    }

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
        var key = $"schedules.{options.Name}";
        if (options.Name is null || !NamePattern().IsMatch(options.Name))
        {
            problems.Add($"schedules: schedule name '{options.Name}' is invalid: expected 1-64 of letters, digits, '_' or '-'");
        }
        CronExpression? cron = null;
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            problems.Add($"{key}.cron is required (e.g. '0 2 * * *' or @daily)");
        }
        else if (!CronExpression.TryParse(options.Cron, out cron, out var error))
        {
            problems.Add($"{key}.cron: {error}");
        }
        else if (!cron.CanFire)
        {
            problems.Add($"{key}.cron: cron '{options.Cron}' never fires (no selected month has the selected day of month)");
        }
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out zone))
        {
            problems.Add($"{key}.time_zone: '{options.TimeZone}' is not a known time zone (use an IANA id such as Europe/Berlin, or UTC)");
        }
        return problems.Count == 0 ? new CronSchedule(options.Name!, cron!, zone!) : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
