using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;
using Xunit.Abstractions;

namespace ClickVault.Cluster.Integration.Tests.Retention;

/// <summary>
/// Retention end to end on the embedded 2x2 cluster and s3rver, through the real <c>clickvault</c> entry against a
/// real coordinator: cleanup (dry run and real), delete with and without --cascade, auto-cleanup after runs, catalog
/// rebuild and clean-broken.
/// </summary>
[Collection(TwoByTwoCollection.Name)]
public sealed class RetentionClusterTests(TwoByTwoClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Cleanup_removes_exactly_the_chains_beyond_keep_full_backups_and_delete_refuses_dependents_unless_cascading()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "retain", settings: new Dictionary<string, string?>
        {
            ["retention:keep_full_backups"] = "2",
        });
        using var cluster = new RetentionCluster(scenario);
        await scenario.CreateDataAsync(2_000);
        var f1 = (await cluster.RunAsync(full: true)).RunId;
        var i2 = (await cluster.RunAsync(full: false)).RunId;
        var f3 = (await cluster.RunAsync(full: true)).RunId;
        var i4 = (await cluster.RunAsync(full: false)).RunId;
        await cluster.DropDatabaseAsync(2);
        var failed = await cluster.RunAsync(full: true);
        var f5 = failed.RunId;
        var i6 = (await cluster.RunAsync(full: false, "1")).RunId;
        Assert.Equal(("partial", "failed"), (failed.State, failed.Shards.Single(s => s.Shard == "2").State));
        Assert.Equal([$"full/{f1}", $"incremental/{i2}", $"full/{f3}", $"incremental/{i4}", $"full/{f5}", $"incremental/{i6}"], await cluster.IndexedAsync("1"));
        Assert.Equal([$"full/{f1}", $"incremental/{i2}", $"full/{f3}", $"incremental/{i4}"], await cluster.IndexedAsync("2"));
        var before = await cluster.ObjectsAsync();

        // Dry run: says what would go and why, and touches nothing.
        var dry = await cluster.CliAsync("cleanup", "--dry-run");
        output.WriteLine(dry.ToString());
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Matches($@"│\s*1\s*│\s*{f1}\s*│\s*full\s*│\s*-\s*│\s*would remove\s*│\s*chain beyond keep_full_backups = 2", dry.Out);
        Assert.Matches($@"│\s*1\s*│\s*{i2}\s*│\s*incremental\s*│\s*{f1}\s*│\s*would remove\s*│", dry.Out);
        Assert.Matches($@"│\s*2\s*│\s*{f1}\s*│\s*full\s*│\s*-\s*│\s*keep\s*│\s*chain 2 of 2 kept", dry.Out);
        Assert.Contains("Would remove 2 backup(s) of 1 shard(s)", dry.Out, StringComparison.Ordinal);
        var plan = await cluster.CliJsonAsync(RetentionApiJson.Default.CleanupReport, "cleanup", "--dry-run");
        Assert.Equal([("1", f1), ("1", i2)], Removed(plan));
        Assert.Equal(before, await cluster.ObjectsAsync());

        var report = await cluster.CliJsonAsync(RetentionApiJson.Default.CleanupReport, "cleanup");

        string[] removedPrefixes = [cluster.Prefix("1", "full", f1), cluster.Prefix("1", "incremental", i2)];
        var after = await cluster.ObjectsAsync();
        Assert.Equal([.. before.Keys.Where(k => removedPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal)],
            before.Keys.Except(after.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(after.Keys.Except(before.Keys));
        foreach (var backup in report.Shards.SelectMany(s => s.Backups).Where(b => b.Decision == RetentionDecisions.Remove))
        {
            var keys = before.Where(o => o.Key.StartsWith(backup.Prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal((keys.Count, keys.Sum(k => k.Value), 0), (backup.Deletion!.ObjectsDeleted, backup.Deletion.BytesDeleted, backup.Deletion.Failures.Count));
        }
        Assert.Equal([$"full/{f3}", $"incremental/{i4}", $"full/{f5}", $"incremental/{i6}"], await cluster.IndexedAsync("1"));
        Assert.Equal([$"full/{f1}", $"incremental/{i2}", $"full/{f3}", $"incremental/{i4}"], await cluster.IndexedAsync("2"));
        var listed = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(8, listed.Count);

        // delete: refused while a backup that stays builds on it, done with --cascade (dependents first).
        var refused = await cluster.CliAsync("delete", f3);
        output.WriteLine(refused.ToString());
        Assert.True(refused.ExitCode == 5, refused.ToString());
        Assert.Contains($"backup {f3} of shard 1 has 1 dependent backup(s) that build on it: {i4}; delete them too with --cascade", refused.Error, StringComparison.Ordinal);
        Assert.Equal(after, await cluster.ObjectsAsync());

        var deleted = await cluster.CliJsonAsync(RetentionApiJson.Default.DeleteRunReport, "delete", f3, "--cascade");

        Assert.Equal([("1", i4), ("1", f3), ("2", i4), ("2", f3)], deleted.Deleted.Select(d => (d.Shard, d.RunId)));
        var remaining = await cluster.ObjectsAsync();
        Assert.DoesNotContain(remaining.Keys, k => deleted.Deleted.Any(d => k.StartsWith(d.Prefix, StringComparison.Ordinal)));
        Assert.Equal(deleted.Deleted.Sum(d => d.Deletion.ObjectsDeleted), after.Count - remaining.Count);
        Assert.Equal([$"full/{f5}", $"incremental/{i6}"], await cluster.IndexedAsync("1"));
        Assert.Equal([$"full/{f1}", $"incremental/{i2}"], await cluster.IndexedAsync("2"));

        var missing = await cluster.CliAsync("delete", f3);
        Assert.True(missing.ExitCode == 6, missing.ToString());
    }

    [Fact]
    public async Task Auto_cleanup_follows_runs_catalog_rebuild_restores_a_deleted_index_and_clean_broken_removes_a_folder_without_sidecar()
    {
        await using var scenario = await ClusterScenario.StartAsync(fixture, "autoclean", settings: new Dictionary<string, string?>
        {
            ["retention:keep_full_backups"] = "1",
            ["retention:auto_cleanup"] = "true",
        });
        using var cluster = new RetentionCluster(scenario);
        await scenario.CreateDataAsync(2_000);

        var first = (await cluster.RunAsync(full: true)).RunId;
        var firstEvents = await cluster.EventsAsync(first);
        var second = (await cluster.RunAsync(full: true)).RunId;
        var secondEvents = await cluster.EventsAsync(second);

        Assert.Contains(firstEvents, e => e is { Kind: "retention.cleanup", Shard: "1" } && e.Message == "shard 1: retention nothing to remove (1 backup(s) kept)");
        var cleaned = secondEvents.Where(e => e.Kind == "retention.cleanup").ToList();
        Assert.Equal(["1", "2"], cleaned.Select(e => e.Shard));
        Assert.All(cleaned, e => Assert.StartsWith($"shard {e.Shard}: retention removed 1 backup(s) ({first}): ", e.Message, StringComparison.Ordinal));
        Assert.True(secondEvents.ToList().FindIndex(e => e.Kind == "retention.cleanup") < secondEvents.ToList().FindIndex(e => e.Kind == "run.finished"));
        var objects = await cluster.ObjectsAsync();
        Assert.DoesNotContain(objects.Keys, k => k.Contains($"/{first}/", StringComparison.Ordinal));
        Assert.Equal([$"full/{second}"], await cluster.IndexedAsync("1"));
        Assert.Equal([$"full/{second}"], await cluster.IndexedAsync("2"));

        // catalog rebuild: shard 2's catalog.json is gone (s3rver then leaves shard-2/ out of the root listing).
        await cluster.Store.DeleteAsync(cluster.Layout.CatalogKey("shard-2"), default);
        var rebuilt = await cluster.CliJsonAsync(RetentionApiJson.Default.CatalogRebuildReport, "catalog", "rebuild");
        Assert.Equal([("1", 1, 0), ("2", 1, 1)], rebuilt.Shards.Select(s => (s.Shard, s.Found, s.Added.Count)));
        Assert.Equal([$"full/{second}"], await cluster.IndexedAsync("2"));
        var listed = await scenario.Coordinator.GetAsync(OperatorRoutes.Backups, ApiJson.Default.IReadOnlyListBackupView);
        Assert.Equal(["1", "2"], listed.Select(b => b.Shard));

        // clean-broken: shard 1's backup loses its sidecar; once older than the age it goes, catalog entry first.
        var broken = cluster.Prefix("1", "full", second);
        await cluster.Store.DeleteAsync(broken + BackupLayout.SidecarName, default);
        var folderKeys = (await cluster.ObjectsAsync()).Keys.Count(k => k.StartsWith(broken, StringComparison.Ordinal));
        var preview = await WaitForDeletableAsync(cluster, broken);
        Assert.Equal((folderKeys, true), (preview.Objects, preview.InCatalog));
        var dry = await cluster.CliAsync("clean-broken", "--older-than", "1s", "--dry-run");
        output.WriteLine(dry.ToString());
        Assert.Matches($@"│\s*shard-1\s*│\s*full\s*│\s*{second}\s*│\s*{folderKeys}\s*│.*│\s*would delete\s*│\s*no sidecar", dry.Out);

        var swept = await cluster.CliJsonAsync(RetentionApiJson.Default.CleanBrokenReport, "clean-broken", "--older-than", "1s");

        var folder = Assert.Single(swept.Folders);
        Assert.Equal((RetentionDecisions.Delete, folderKeys, 0), (folder.Decision, folder.Deletion!.ObjectsDeleted, folder.Deletion.Failures.Count));
        Assert.DoesNotContain((await cluster.ObjectsAsync()).Keys, k => k.StartsWith(broken, StringComparison.Ordinal));
        Assert.Empty(await cluster.IndexedAsync("1"));
        Assert.Equal([$"full/{second}"], await cluster.IndexedAsync("2"));

        // Bad input is a 400 naming the field, and nothing runs.
        await AssertInvalidAsync(scenario, HttpMethod.Post, RetentionRoutes.Cleanup, """{"dryrun":true}""", "dryrun");
        await AssertInvalidAsync(scenario, HttpMethod.Post, RetentionRoutes.Cleanup, """{"dry_run":true,"shards":["9"]}""", "shards: shard(s) 9 not known");
        await AssertInvalidAsync(scenario, HttpMethod.Post, RetentionRoutes.CleanBroken, """{"older_than_seconds":0}""", "older_than_seconds must be between 1");
        await AssertInvalidAsync(scenario, HttpMethod.Delete, "/api/backups/yesterday", null, "run id 'yesterday' is invalid");
        await AssertInvalidAsync(scenario, HttpMethod.Delete, $"/api/backups/{second}?shard=a%2Fb", null, "shard: 'a/b' is not a shard id");
        await AssertInvalidAsync(scenario, HttpMethod.Delete, $"/api/backups/{second}?cascade=maybe", null, "cascade: 'maybe' must be true or false");
        Assert.Equal([$"full/{second}"], await cluster.IndexedAsync("2"));
        using var anonymous = new HttpClient { BaseAddress = scenario.Coordinator.BaseUrl };
        using var unauthorized = await anonymous.PostAsync(RetentionRoutes.Cleanup.TrimStart('/'), null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    private static async Task AssertInvalidAsync(ClusterScenario scenario, HttpMethod method, string path, string? body, string expected)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await scenario.Coordinator.Api.SendAsync(request);
        var error = System.Text.Json.JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ApiJson.Default.ApiError)!;
        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, error.Code));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Polls <c>clean-broken --dry-run</c> until the folder is old enough to be deleted.</summary>
    private static async Task<BrokenFolderView> WaitForDeletableAsync(RetentionCluster cluster, string prefix)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var report = await cluster.CliJsonAsync(RetentionApiJson.Default.CleanBrokenReport, "clean-broken", "--older-than", "1s", "--dry-run");
            if (report.Folders.SingleOrDefault(f => f.Prefix == prefix) is { Decision: RetentionDecisions.Delete } folder)
            {
                return folder;
            }
            await Task.Delay(250, deadline.Token);
        }
    }

    private static List<(string Shard, string Run)> Removed(CleanupReport report) =>
        [.. report.Shards.SelectMany(s => s.Backups.Where(b => b.Decision == RetentionDecisions.Remove).Select(b => (s.Shard, b.RunId)))];
}
