namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>A named, validated schedule: a cron expression evaluated on the wall clock of <see cref="Zone"/>.</summary>
public sealed record CronSchedule(string Name, CronExpression Cron, TimeZoneInfo Zone)
{
    /// <summary>The first slot strictly after <paramref name="after"/>; null when the expression never fires.</summary>
    public DateTimeOffset? NextSlot(DateTimeOffset after) => Cron.GetNextOccurrence(after, Zone);

    /// <summary>The latest slot in (<paramref name="after"/>, <paramref name="atOrBefore"/>], or null when there is none.</summary>
    public DateTimeOffset? LatestSlot(DateTimeOffset after, DateTimeOffset atOrBefore)
    {
        // Look back from atOrBefore through windows that double in size, so a long outage costs a few
        // look-ups rather than one per missed slot.
        var window = TimeSpan.FromMinutes(1);
        while (true)
        {
            var from = window < atOrBefore - after ? atOrBefore - window : after;
            if (NextSlot(from) is { } slot && slot <= atOrBefore)
            {
                while (NextSlot(slot) is { } later && later <= atOrBefore)
                {
                    slot = later;
                }
                return slot;
            }
            if (from == after)
            {
                return null;
            }
            window *= 2;
        }
    }
}
