using System.Text;
using System.Text.Json.Nodes;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>Journals written by earlier coordinators stay readable after the run state grew.</summary>
public sealed class RunJournalCompatibilityTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryObjectStore _store = new();
    private readonly BackupLayout _layout = new(new LayoutOptions("p", new ClusterName("c")));

    [Fact]
    public async Task The_replica_choice_survives_the_journal_and_a_journal_written_before_it_still_resumes()
    {
        var journal = new RunJournal(_store, _layout);
        var run = new RunState("20261122T020000Z", "c", "api", false, ["db"], T, null, [ShardState.Pending("1", "")])
            .Apply(new ShardPlanned(T, "1", "shard-1", "incremental", "20261121T020000Z", "b/", "p/", 1, "chain depth 1",
                new ChainAffinity("r1", "20261121T020000Z")))
            .Apply(new ShardDispatched(T, "1", "r1", "20261122T020000Z-1", "chain affinity: r1 took the chain's previous backup 20261121T020000Z"));

        await journal.WriteAsync(run, default);
        var read = (await journal.ReadActiveAsync(default))!.Shard("1");
        var shard = JsonNode.Parse((await _store.GetAsync(_layout.ActiveRunKey, default)).Data.Span)!["shards"]![0]!.AsObject();
        shard.Remove("previous");
        shard.Remove("replica_reason");
        await _store.PutAsync(_layout.ActiveRunKey, Encoding.UTF8.GetBytes(shard.Root.ToJsonString()), "application/json", default);
        var old = (await journal.ReadActiveAsync(default))!.Shard("1");

        Assert.Equal((new ChainAffinity("r1", "20261121T020000Z"), run.Shard("1").ReplicaReason), (read.Previous, read.ReplicaReason));
        Assert.Equal(((ChainAffinity?)null, (string?)null, "r1", ShardPhase.Dispatched), (old.Previous, old.ReplicaReason, old.Replica, old.Phase));
    }

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
