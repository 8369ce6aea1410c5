namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>A run notification that did not reach its target, as the status API shows it.</summary>
public sealed record UndeliveredNotification(string RunId, string Cluster, string Outcome, DateTimeOffset At, NotificationResult Result);

/// <summary>The most recent undelivered notifications (oldest dropped first), safe to use from any thread.</summary>
public sealed class UndeliveredNotifications
{
    public const int DefaultCapacity = 50;

    private readonly Lock gate = new();
    private readonly Queue<UndeliveredNotification> entries = new();

    public UndeliveredNotifications(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public void Add(UndeliveredNotification entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            entries.Enqueue(entry);
            while (entries.Count > Capacity)
            {
                entries.Dequeue();
            }
        }
    }

    /// <summary>A snapshot, newest first.</summary>
    public IReadOnlyList<UndeliveredNotification> Recent()
    {
        lock (gate)
        {
            return [.. entries.Reverse()];
        }
    }
}
