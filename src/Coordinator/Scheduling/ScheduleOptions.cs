namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>One configured job schedule: <c>schedule.{Name}</c> (a cron expression) in <c>schedule.time_zone</c> (IANA id, default UTC).</summary>
public sealed record ScheduleOptions(string Name, string Cron, string? TimeZone);
