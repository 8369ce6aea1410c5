using System.Text.Json;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using Xunit;
using static ClickVault.Cluster.Cli.Tests.Stub.RetentionCanned;

namespace ClickVault.Cluster.Cli.Tests.EndToEnd;

public sealed class RetentionEndToEndTests
{
    private static Task<CliResult> RunAsync(StubCoordinator stub, params string[] args) =>
        CliHarness.RunAsync(args, CliHarness.Environment(stub.Address, Canned.Token));

    [Fact]
    public async Task Cleanup_dry_run_sends_the_request_and_shows_every_backup_with_what_would_go_and_why()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await RunAsync(stub, "cleanup", "--dry-run", "--shard", "1", "--shard", "2");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var request = Assert.Single(stub.Requests);
        Assert.Equal(("POST", RetentionRoutes.Cleanup, """{"dry_run":true,"shards":["1","2"]}"""), (request.Method, request.Path, request.Body));
        Assert.Contains("Retention: keep_full_backups = 1, keep_days not set. Dry run: nothing was deleted.", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*1\s*│\s*20251201T020000Z\s*│\s*full\s*│\s*-\s*│\s*would remove\s*│\s*chain beyond keep_full_backups = 1 \(keep_days not set\)\s*│\s*3\.0 GiB\s*│", result.Out);
        Assert.Matches(@"│\s*1\s*│\s*20251202T020000Z\s*│\s*incremental\s*│\s*20251201T020000Z\s*│\s*would remove\s*│", result.Out);
        Assert.Matches(@"│\s*2\s*│\s*20251208T020000Z\s*│\s*full\s*│\s*-\s*│\s*keep\s*│\s*newest chain is always kept\s*│", result.Out);
        Assert.Contains("Would remove 2 backup(s) of 1 shard(s), 6.0 GiB; 2 kept. Run without --dry-run to delete them.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Deleted", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_json_is_the_report()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await RunAsync(stub, "cleanup", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("""{"dry_run":false,"shards":[]}""", Assert.Single(stub.Requests).Body);
        var report = JsonSerializer.Deserialize(result.Out, RetentionApiJson.Default.CleanupReport)!;
        Assert.Equal(DryRun().Shards.SelectMany(s => s.Backups), report.Shards.SelectMany(s => s.Backups));
    }

    [Fact]
    public async Task Cleanup_that_could_not_delete_some_keys_lists_them_and_exits_7()
    {
        var failed = new ObjectDeletionView(39, 3L << 30, [new DeleteFailureView(RefusedKey, "AccessDenied", "Access Denied")]);
        await using var stub = await StubCoordinator.StartAsync(new StubScenario
        {
            Retention = new RetentionScenario { Cleanup = Applied(new ObjectDeletionView(12, 4096, []), failed) },
        });

        var result = await RunAsync(stub, "cleanup");

        Assert.True(result.ExitCode == ExitCodes.ServerError, result.ToString());
        Assert.Matches(@"│\s*1\s*│\s*20251201T020000Z\s*│.*│\s*remove\s*│.*│\s*39 objects, 3\.0 GiB; 1 failed\s*│", result.Out);
        Assert.Matches(@"│\s*20251202T020000Z\s*│.*│\s*12 objects, 4\.0 KiB\s*│", result.Out);
        Assert.Contains($"not deleted: {RefusedKey} (AccessDenied: Access Denied)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Removed 1 of 2 backup(s) of 1 shard(s), 6.0 GiB; 2 kept.", result.Out, StringComparison.Ordinal);
        Assert.Equal("error: cleanup incomplete: 1 object(s) could not be deleted (listed above; run cleanup again, or clean-broken later)" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Delete_sends_the_run_shard_and_cascade_and_lists_what_went()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await RunAsync(stub, "delete", OldFull, "--shard", "1", "--cascade");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var request = Assert.Single(stub.Requests);
        Assert.Equal(("DELETE", $"/api/backups/{OldFull}", "?shard=1&cascade=true"), (request.Method, request.Path, request.Query));
        Assert.Matches(@"│\s*1\s*│\s*20251202T020000Z\s*│\s*incremental\s*│\s*builds on 20251201T020000Z\s*│\s*12 objects, 4\.0 KiB\s*│", result.Out);
        Assert.Contains($"Deleted 2 backup(s) of run {OldFull} on 1 shard(s): 52 object(s), 3.0 GiB.", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(409, "has_dependents", ExitCodes.Conflict, "conflict: ")]
    [InlineData(404, "not_found", ExitCodes.NotFound, "not found: ")]
    public async Task A_refused_or_unknown_delete_exits_with_its_code_and_the_coordinator_message(int status, string code, int exitCode, string prefix)
    {
        var message = $"not deleted: backup {OldFull} of shard 1 has 1 dependent backup(s) that build on it: {OldIncremental}; delete them too with --cascade";
        await using var stub = await StubCoordinator.StartAsync(new StubScenario
        {
            Retention = new RetentionScenario { DeleteError = (status, new ApiError(code, message)) },
        });

        var result = await RunAsync(stub, "delete", OldFull);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal($"error: {prefix}{message}" + Environment.NewLine, result.Error);
        Assert.Equal(string.Empty, Assert.Single(stub.Requests).Query);
    }

    [Fact]
    public async Task Catalog_rebuild_shows_each_shard_and_exits_7_when_one_was_not_rebuilt()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await RunAsync(stub, "catalog", "rebuild");

        Assert.True(result.ExitCode == ExitCodes.ServerError, result.ToString());
        Assert.Equal(("POST", RetentionRoutes.CatalogRebuild), (stub.Requests[0].Method, stub.Requests[0].Path));
        Assert.Matches(@"│\s*1\s*│\s*shard-1\s*│\s*3\s*│\s*1\s*│\s*0\s*│\s*1\s*│\s*old index was unreadable\s*│", result.Out);
        Assert.Contains($"shard 1: added {Newest}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"shard 1: unusable sidecar b/main/shard-1/full/{OldFull}/.clickvault_meta.json: status is 'failed', not 'success'", result.Out, StringComparison.Ordinal);
        Assert.Contains("shard odd-folder: no shard id", result.Out, StringComparison.Ordinal);
        Assert.Contains("Rebuilt 1 of 2 shard catalog(s): 3 backup(s) indexed.", result.Out, StringComparison.Ordinal);
        Assert.Equal("error: catalog of shard(s) odd-folder not rebuilt (reason above)" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Clean_broken_dry_run_sends_the_age_and_lists_folders_with_count_size_age_and_reason()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario());

        var result = await RunAsync(stub, "clean-broken", "--older-than", "7d", "--dry-run");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("""{"older_than_seconds":604800,"dry_run":true}""", Assert.Single(stub.Requests).Body);
        Assert.Matches(@"│\s*shard-2\s*│\s*full\s*│\s*20251120T020000Z\s*│\s*1,530\s*│\s*5\.0 GiB\s*│\s*20d 00h\s*│\s*would delete\s*│\s*no sidecar and its newest object is 20d 00h old", result.Out);
        Assert.Matches(@"│\s*shard-2\s*│\s*incremental\s*│\s*20251209T020000Z\s*│\s*3\s*│\s*300 B\s*│\s*3h 00m\s*│\s*keep\s*│", result.Out);
        Assert.Contains("Dry run: would delete 1 broken folder(s) older than 7d 00h (1,530 object(s), 5.0 GiB); 1 kept. Nothing was deleted.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_broken_json_is_the_report()
    {
        await using var stub = await StubCoordinator.StartAsync(new StubScenario { Retention = new RetentionScenario { Broken = Broken(dryRun: false) } });

        var result = await RunAsync(stub, "clean-broken", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("""{"older_than_seconds":86400,"dry_run":false}""", Assert.Single(stub.Requests).Body);
        var report = JsonSerializer.Deserialize(result.Out, RetentionApiJson.Default.CleanBrokenReport)!;
        Assert.Equal(1_530, report.Folders[0].Deletion!.ObjectsDeleted);
    }

    [Fact]
    public async Task Help_lists_the_maintenance_verbs()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        foreach (var verb in new[] { "cleanup", "delete", "catalog", "clean-broken" })
        {
            Assert.Contains($"  {verb} ", result.Out, StringComparison.Ordinal);
        }
    }
}
