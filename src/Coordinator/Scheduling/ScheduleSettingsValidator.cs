using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// Names every wrong key of the <c>schedule</c> section: bad cron expressions, an unknown time zone, and a cron for a
/// job this coordinator has no implementation of.
/// </summary>
public sealed class ScheduleSettingsValidator(IEnumerable<ScheduledJobRegistration> jobs) : IValidateOptions<ScheduleSettings>
{
    public ValidateOptionsResult Validate(string? name, ScheduleSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var available = jobs.Select(j => j.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone.Trim(), out _))
        {
            failures.Add(ScheduleOptionsValidator.UnknownZone(options.TimeZone));
        }
        foreach (var entry in options.Entries)
        {
            failures.AddRange(ScheduleOptionsValidator.Validate(entry with { TimeZone = null }));
            if (!available.Contains(entry.Name, StringComparer.Ordinal))
            {
                failures.Add($"{ScheduleSettings.Section}.{entry.Name} is set, but this coordinator has no '{entry.Name}' job to schedule " +
                    $"(jobs available: {(available.Count == 0 ? "none" : string.Join(", ", available))}); remove the key");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
