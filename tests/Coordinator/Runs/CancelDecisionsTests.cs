using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Shared.Layout;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

public sealed class CancelDecisionsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private const string Run = "20261122T020000Z";

    /// <summary>Shard 1 dispatched (running), shard 2 planned but not dispatched (its agent is away), shard 3 succeeded.</summary>
    private static RunState Mixed()
    {
        var run = new RunState(Run, "c", "api", false, ["db"], T, null,
            [ShardState.Pending("1", ""), ShardState.Pending("2", ""), ShardState.Pending("3", "")]);
        foreach (var shard in new[] { "1", "2", "3" })
        {
            run = run.Apply(new ShardPlanned(T, shard, $"shard-{shard}", "full", null, null, $"c/shard-{shard}/full/{Run}/", 0, "no previous backup"));
        }
        return run
            .Apply(new ShardDispatched(T, "1", "r1", $"{Run}-1"))
            .Apply(new ShardProgressed(T, "1", Report("1", OperationState.Running)))
            .Apply(new ShardDispatched(T, "3", "r1", $"{Run}-3"))
            .Apply(new ShardSucceeded(T, "3", Report("3", OperationState.Succeeded)));
    }

    private static OperationReport Report(string shard, OperationState state, string error = "") =>
        new($"{Run}-{shard}", state, error, "q", 5, 5, 100, 100, 0, 0, 0, T, null);

    private static RunState Apply(RunState run, IEnumerable<RunJournalEvent> events) => events.Aggregate(run, (state, e) => state.Apply(e));

    [Fact]
    public void A_cancel_is_journaled_fails_undispatched_shards_and_signals_the_running_ones()
    {
        var run = Mixed();

        var events = CancelDecisions.OnCancel(run, T.AddMinutes(1));
        run = Apply(run, events);

        Assert.Equal(T.AddMinutes(1), Assert.IsType<RunCancelRequested>(events[0]).At);
        var failed = Assert.IsType<ShardFailed>(Assert.Single(events.Skip(1)));
        Assert.Equal(("2", "cancelled by operator before its backup was dispatched"), (failed.Shard, failed.Error));
        Assert.Equal(T.AddMinutes(1), run.CancelRequestedAt);
        Assert.Equal(["1"], CancelDecisions.ToSignal(run).Select(s => s.Shard));
        Assert.Empty(RunDecisions.MaybeFinish(run, T));
    }

    [Fact]
    public void Without_a_cancel_request_nothing_is_signalled()
    {
        Assert.Empty(CancelDecisions.ToSignal(Mixed()));
    }

    [Fact]
    public void A_second_request_keeps_the_first_time_and_adds_nothing()
    {
        var run = Apply(Mixed(), CancelDecisions.OnCancel(Mixed(), T.AddMinutes(1)));

        Assert.Empty(CancelDecisions.OnCancel(run, T.AddMinutes(2)));
        Assert.Equal(T.AddMinutes(1), run.Apply(new RunCancelRequested(T.AddMinutes(2))).CancelRequestedAt);
    }

    [Fact]
    public void A_finished_run_cannot_be_cancelled()
    {
        var run = Mixed().Apply(new ShardFailed(T, "1", "x")).Apply(new ShardFailed(T, "2", "y")).Apply(new RunFinished(T));

        Assert.Empty(CancelDecisions.OnCancel(run, T));
        Assert.Null(run.CancelRequestedAt);
    }

    [Fact]
    public void A_killed_backup_fails_its_shard_naming_the_cancel_and_the_run_ends_cancelled()
    {
        var run = Apply(Mixed(), CancelDecisions.OnCancel(Mixed(), T));

        var killed = RunDecisions.OnReport(run, "r1", Report("1", OperationState.Cancelled, "Code: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)"), T);
        run = Apply(run, killed);
        run = Apply(run, RunDecisions.MaybeFinish(run, T));

        Assert.Equal("cancelled by operator: Code: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)", run.Shard("1").Error);
        Assert.True(run.IsFinished);
        Assert.Equal("cancelled", run.Outcome);
    }

    [Fact]
    public void An_explicit_failure_report_after_a_cancel_names_the_cancel()
    {
        var run = Apply(Mixed(), CancelDecisions.OnCancel(Mixed(), T));

        var failed = Assert.IsType<ShardFailed>(Assert.Single(RunDecisions.OnFailure(run, "r1", Report("1", OperationState.Failed), "Code: 394. cancelled", T)));

        Assert.Equal("cancelled by operator: Code: 394. cancelled", failed.Error);
    }

    [Fact]
    public void When_the_kill_loses_the_shard_succeeds_and_a_run_with_every_shard_succeeded_is_succeeded()
    {
        var run = new RunState(Run, "c", "api", false, ["db"], T, null, [ShardState.Pending("1", "")])
            .Apply(new ShardPlanned(T, "1", "shard-1", "full", null, null, $"c/shard-1/full/{Run}/", 0, "no previous backup"))
            .Apply(new ShardDispatched(T, "1", "r1", $"{Run}-1"));
        run = Apply(run, CancelDecisions.OnCancel(run, T));

        run = Apply(run, RunDecisions.OnReport(run, "r1", Report("1", OperationState.Succeeded), T));
        run = Apply(run, RunDecisions.MaybeFinish(run, T));

        Assert.Equal(ShardPhase.Succeeded, run.Shard("1").Phase);
        Assert.Equal("succeeded", run.Outcome);
        Assert.NotNull(run.CancelRequestedAt);
    }

    [Fact]
    public void An_unreachable_replica_fails_its_shard_saying_the_backup_may_still_run()
    {
        var run = Apply(Mixed(), CancelDecisions.OnCancel(Mixed(), T));

        var failed = CancelDecisions.Unreachable(run.Shard("1"), T);

        Assert.Equal($"cancelled by operator; replica r1 is not connected, so backup {Run}-1 may still run there and will not be catalogued", failed.Error);
        Assert.Equal(ShardPhase.Failed, run.Apply(failed).Shard("1").Phase);
    }

    [Fact]
    public async Task The_journal_keeps_the_cancel_request_across_a_restart()
    {
        var store = new InMemoryObjectStore();
        var journal = new RunJournal(store, new BackupLayout(new LayoutOptions("p", new ClusterName("c"))));
        var run = Apply(Mixed(), CancelDecisions.OnCancel(Mixed(), T.AddSeconds(5)));

        await journal.WriteAsync(run, CancellationToken.None);
        var read = await journal.ReadActiveAsync(CancellationToken.None);

        Assert.Equal(T.AddSeconds(5), read!.CancelRequestedAt);
        Assert.Equal(["1"], CancelDecisions.ToSignal(read).Select(s => s.Shard));
    }
}
