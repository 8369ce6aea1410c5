namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>Maps a wall-clock minute of a time zone to the instants it denotes, across DST transitions.</summary>
internal static class WallClock
{
    /// <summary>
    /// The instant of <paramref name="local"/> (an unspecified-kind wall time) in <paramref name="zone"/>, in UTC, and,
    /// when the wall time occurs twice, its second occurrence. A wall time inside a DST gap maps to the first existing
    /// minute after the gap.
    /// </summary>
    public static (DateTimeOffset First, DateTimeOffset? Repeat) Instants(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            var existing = wall;
            while (zone.IsInvalidTime(existing))
            {
                existing = existing.AddMinutes(1);
            }
            return (Instants(existing, zone).First, null);
        }
        if (zone.IsAmbiguousTime(wall))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            var earlier = new DateTimeOffset(wall, offsets.Max()).ToUniversalTime();
            var later = new DateTimeOffset(wall, offsets.Min()).ToUniversalTime();
            return (earlier, later);
        }
        return (new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime(), null);
    }
}
