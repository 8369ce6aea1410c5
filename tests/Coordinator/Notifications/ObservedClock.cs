using System.Threading.Channels;
using ClickVault.Cluster.Testing.Time;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>
/// A <see cref="TimerTrackingTimeProvider"/> that also reports the due time of every timer created on it (per-attempt
/// timeouts and backoff delays alike), so a test can advance the clock exactly past the delay the code under test chose.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly Channel<TimeSpan> created = Channel.CreateUnbounded<TimeSpan>();

    public TimerTrackingTimeProvider Manual { get; } = new();

    public override TimeZoneInfo LocalTimeZone => Manual.LocalTimeZone;

    public override long TimestampFrequency => Manual.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Manual.GetUtcNow();

    public override long GetTimestamp() => Manual.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Manual.CreateTimer(callback, state, dueTime, period);
        created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (waits for it).</summary>
    public ValueTask<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => created.Reader.ReadAsync(cancellationToken);
}
