using ClickVault.Cluster.Coordinator.Notifications;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

public sealed class UndeliveredNotificationsTests
{
    private static UndeliveredNotification Entry(int i) =>
        new($"run-{i}", "prod", "failed", SampleRuns.Start.AddMinutes(i), new NotificationResult($"t{i}", false, 4, "HTTP 503"));

    [Fact]
    public void Keeps_the_newest_entries_up_to_its_capacity_newest_first()
    {
        var store = new UndeliveredNotifications(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            store.Add(Entry(i));
        }

        Assert.Equal(["run-5", "run-4", "run-3"], store.Recent().Select(e => e.RunId));
    }

    [Fact]
    public void A_snapshot_does_not_change_when_entries_are_added_later()
    {
        var store = new UndeliveredNotifications();
        store.Add(Entry(1));

        var snapshot = store.Recent();
        store.Add(Entry(2));

        Assert.Single(snapshot);
        Assert.Equal(2, store.Recent().Count);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_never_exceed_the_capacity()
    {
        var store = new UndeliveredNotifications(capacity: 20);

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                store.Add(Entry((w * 1000) + i));
                Assert.True(store.Recent().Count <= 20);
            }
        }));
        await Task.WhenAll(writers);

        Assert.Equal(20, store.Recent().Count);
        Assert.Equal(20, store.Recent().Select(e => e.RunId).Distinct().Count());
    }

    [Fact]
    public void Capacity_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UndeliveredNotifications(capacity: 0));
}
