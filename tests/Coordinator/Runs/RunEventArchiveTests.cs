using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

public sealed class RunEventArchiveTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly BackupLayout Layout = new(new LayoutOptions("backups", new ClusterName("main")));

    [Fact]
    public async Task Events_round_trip_under_events_and_stay_out_of_the_manifest_listing()
    {
        var store = new InMemoryObjectStore();
        var archive = new RunEventArchive(store, Layout);
        var run = RunId.Parse("20261122T020000Z");
        IReadOnlyList<RunEvent> events =
        [
            new(1, T, run.Value, null, "run.started", "run started", null),
            new(2, T.AddSeconds(1), run.Value, "1", "shard.failed", "shard 1: boom",
                new ShardRunView("1", "r1", "full", null, "no previous backup", "failed", 3, 100, 0, null, "boom", T, T.AddSeconds(1))),
        ];
        var catalog = new CatalogStore(store, Layout);
        await catalog.WriteRunManifestAsync(new RunManifest(1, run.Value, "main", "api", false, "failed", T, T.AddSeconds(2), []), CancellationToken.None);

        await archive.WriteAsync(run, events, CancellationToken.None);

        Assert.True(await store.ExistsAsync("backups/main/events/20261122T020000Z.json", CancellationToken.None));
        Assert.Equal(events, await archive.ReadAsync(run, CancellationToken.None));
        Assert.Null(await archive.ReadAsync(RunId.Parse("20261122T030000Z"), CancellationToken.None));
        Assert.Equal([run.Value], (await catalog.ListRunManifestsAsync(10, CancellationToken.None)).Select(m => m.RunId));
    }

    [Fact]
    public async Task An_unreadable_archive_is_reported_with_its_key()
    {
        var store = new InMemoryObjectStore();
        await store.PutAsync("backups/main/events/20261122T020000Z.json", "not json"u8.ToArray(), "application/json", CancellationToken.None);

        var error = await Assert.ThrowsAsync<CatalogCorruptException>(() => new RunEventArchive(store, Layout).ReadAsync(RunId.Parse("20261122T020000Z"), CancellationToken.None));

        Assert.StartsWith("catalog document 'backups/main/events/20261122T020000Z.json' is unreadable", error.Message, StringComparison.Ordinal);
    }
}
