using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.S3;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

/// <summary>The handled-through marks in <c>{cluster}/journal/schedule.json</c>, on the in-memory store and on s3rver.</summary>
public sealed class ScheduleStateStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly DateTimeOffset Slot = new(2025, 3, 4, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores => ["memory", "s3"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Marks_are_written_under_the_journal_prefix_and_read_back(string kind)
    {
        var (store, layout) = Open(kind);
        var states = new[]
        {
            new ScheduleState(Schedule("backup", "0 2 * * *", "Europe/Berlin"), Slot),
            new ScheduleState(Schedule("verify", "@weekly", null), Slot.AddDays(-2)),
            new ScheduleState(Schedule("cleanup", "@daily", null), null),
        };

        Assert.Empty(await new ScheduleStateStore(store, layout).ReadAsync(default));
        await new ScheduleStateStore(store, layout).WriteAsync(states, default);
        var marks = await new ScheduleStateStore(store, layout).ReadAsync(default);

        Assert.Equal(layout.JournalPrefix + "schedule.json", layout.ScheduleStateKey);
        Assert.True(await store.ExistsAsync(layout.ScheduleStateKey, default));
        Assert.Equal(["backup", "verify"], marks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new ScheduleMark(Slot, "0 2 * * *", "Europe/Berlin"), marks["backup"]);
        Assert.Equal(new ScheduleMark(Slot.AddDays(-2), "@weekly", "UTC"), marks["verify"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_unreadable_document_is_reported_by_key(string kind)
    {
        var (store, layout) = Open(kind);
        await store.PutAsync(layout.ScheduleStateKey, "[1, 2"u8.ToArray(), "application/json", default);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new ScheduleStateStore(store, layout).ReadAsync(default));

        Assert.Contains($"schedule state '{layout.ScheduleStateKey}' is unreadable", e.Message, StringComparison.Ordinal);
    }

    private (IObjectStore Store, BackupLayout Layout) Open(string kind)
    {
        var layout = new BackupLayout(new LayoutOptions(S3rverFixture.NewPrefix("schedule").TrimEnd('/'), new ClusterName("main")));
        return (kind == "s3" ? s3.Store : new InMemoryObjectStore(), layout);
    }

    private static CronSchedule Schedule(string name, string cron, string? zone) =>
        ScheduleOptionsValidator.TryCreate(new ScheduleOptions(name, cron, zone), out _)!;
}
