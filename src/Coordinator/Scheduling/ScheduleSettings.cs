using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// When the coordinator runs its jobs by itself (config section <c>schedule</c>): a cron expression per job key
/// (<c>backup</c>, <c>cleanup</c>, <c>verify</c>), evaluated on the wall clock of <c>time_zone</c>. A job without
/// a cron is not scheduled (it still runs on request).
/// </summary>
public sealed record ScheduleSettings
{
    public const string Section = "schedule";

    /// <summary>The job keys a schedule may name.</summary>
    public static IReadOnlyList<string> JobKeys { get; } = ["backup", "cleanup", "verify"];

    /// <summary>IANA time zone of every cron of the section; empty = UTC.</summary>
    [ConfigurationKeyName("time_zone")]
    public string? TimeZone { get; init; }

    /// <summary>Cluster backup runs (trigger <c>schedule</c>).</summary>
    [ConfigurationKeyName("backup")]
    public string? Backup { get; init; }

    /// <summary>Retention: deletes what the policy no longer keeps.</summary>
    [ConfigurationKeyName("cleanup")]
    public string? Cleanup { get; init; }

    /// <summary>Verification of the newest backups.</summary>
    [ConfigurationKeyName("verify")]
    public string? Verify { get; init; }

    /// <summary>The configured schedules, one per job key with a cron.</summary>
    public IReadOnlyList<ScheduleOptions> Entries =>
    [
        .. new (string Key, string? Cron)[] { ("backup", Backup), ("cleanup", Cleanup), ("verify", Verify) }
            .Where(e => !string.IsNullOrWhiteSpace(e.Cron))
            .Select(e => new ScheduleOptions(e.Key, e.Cron!.Trim(), string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim())),
    ];
}
