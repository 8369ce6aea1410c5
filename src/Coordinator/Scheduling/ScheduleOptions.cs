namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>One entry of the <c>schedules</c> config section: <c>schedules.{Name}.cron</c> and <c>.time_zone</c> (IANA id, default UTC).</summary>
public sealed record ScheduleOptions(string Name, string Cron, string? TimeZone);
