using System.Text;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>Journals written by earlier coordinators stay readable after the run state grew.</summary>
public sealed class RunJournalCompatibilityTests
{
    [Fact]
    public async Task A_journal_written_before_attempts_reads_as_the_first_attempt()
    {
        var store = new InMemoryObjectStore();
        var layout = new BackupLayout(new LayoutOptions("p", new ClusterName("c")));
        const string old = """
            {"run_id":"20261122T020000Z","cluster":"c","trigger":"api","full_requested":false,"databases":["db"],
             "started_at":"2026-11-22T02:00:00+00:00","finished_at":null,
             "shards":[{"shard":"2","shard_path":"shard-2","phase":"Dispatched","kind":"full","base_run_id":null,"base_prefix":null,
               "prefix":"p/c/shard-2/full/20261122T020000Z/","chain_depth":0,"reason":"no previous backup","replica":"replica-2",
               "operation_id":"20261122T020000Z-2","last_report":null,"error":null,"dispatched_at":"2026-11-22T02:00:00+00:00","finished_at":null}]}
            """;
        await store.PutAsync(layout.ActiveRunKey, Encoding.UTF8.GetBytes(old), "application/json", default);

        var run = (await new RunJournal(store, layout).ReadActiveAsync(default))!;

        Assert.Equal((BackupAttempt.First, "20261122T020000Z-2"), (run.Shard("2").Attempt, run.Shard("2").OperationId));
    }
}
