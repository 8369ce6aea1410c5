using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Restores;

/// <summary>A chain link whose native <c>.backup</c> object is gone: restores refuse it by name, the next run starts a new chain and says why.</summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class BaseIntegrityTests(TwoByTwoClusterFixture fixture)
{
    [Fact]
    public async Task A_missing_backup_object_refuses_restores_naming_the_link_and_the_next_run_of_that_shard_is_a_full_saying_why()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "integrity");
        await scenario.CreateDataAsync(2_000);
        var first = await scenario.RunAsync();
        await scenario.InsertAsync(500);
        var second = await scenario.RunAsync();
        Assert.Equal("incremental", second.Shards.Single(s => s.Shard == "2").Kind);
        var layout = new BackupLayout(new LayoutOptions(scenario.Prefix, new ClusterName(scenario.Cluster.Cluster)));
        using var store = new S3ObjectStore(scenario.S3Options());

        // The full under shard 2's incremental loses its .backup: a deeper link, not the base itself.
        await store.DeleteAsync(layout.NativeMetadataKey(layout.ShardPath(new ShardId("2")), BackupKind.Full, RunId.Parse(first.RunId)), default);
        var refused = await scenario.RestoreAsync(new StartRestoreRequest("latest", AsDatabase: scenario.Database + "_x"));
        var third = await scenario.RunAsync();

        Assert.Equal((404, "backup_missing"), (refused.Status, refused.Error!.Code));
        Assert.Contains($"shard 2: backup {second.RunId} needs its chain link {first.RunId} (full), which is missing its .backup object in S3",
            refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(("incremental", second.RunId), (third.Shards.Single(s => s.Shard == "1").Kind, third.Shards.Single(s => s.Shard == "1").BaseRunId));
        var shard2 = third.Shards.Single(s => s.Shard == "2");
        Assert.Equal(("full", "succeeded"), (shard2.Kind, shard2.State));
        Assert.Equal($"chain link {first.RunId} (under base {second.RunId}) is missing its .backup object in S3", shard2.Reason);
        Assert.Contains(await RunEventsAsync(scenario, third.RunId), e =>
            e.Message == $"shard 2: full, chain link {first.RunId} (under base {second.RunId}) is missing its .backup object in S3");

        // Now shard 1's base itself (the third run's incremental) loses its .backup.
        await store.DeleteAsync(layout.NativeMetadataKey(layout.ShardPath(new ShardId("1")), BackupKind.Incremental, RunId.Parse(third.RunId)), default);
        var fourth = await scenario.RunAsync();

        Assert.Equal("full", fourth.Shards.Single(s => s.Shard == "1").Kind);
        Assert.Contains(await RunEventsAsync(scenario, fourth.RunId), e =>
            e.Shard == "1" && e.Kind == "shard.planned" && e.Message == $"shard 1: full, base {third.RunId} is missing its .backup object in S3");
        Assert.Equal(("incremental", third.RunId), (fourth.Shards.Single(s => s.Shard == "2").Kind, fourth.Shards.Single(s => s.Shard == "2").BaseRunId));
    }

    private static async Task<IReadOnlyList<RunEvent>> RunEventsAsync(ClusterScenario scenario, string runId) =>
        (await scenario.EventsAsync(OperatorRoutes.RunEventsPath(runId))).Events;
}
