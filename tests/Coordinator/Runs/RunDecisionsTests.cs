using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

public sealed class RunDecisionsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    private static RunState Dispatched()
    {
        var run = new RunState("20261122T020000Z", "c", "api", false, ["db"], T, null,
            [ShardState.Pending("1", ""), ShardState.Pending("2", "")]);
        foreach (var shard in new[] { "1", "2" })
        {
            run = run.Apply(new ShardPlanned(T, shard, $"shard-{shard}", "full", null, null, $"c/shard-{shard}/full/20261122T020000Z/", 0, "no previous backup"))
                     .Apply(new ShardDispatched(T, shard, "r1", $"20261122T020000Z-{shard}"));
        }
        return run;
    }

    private static OperationReport Report(string shard, OperationState state, ulong files = 5, string error = "") =>
        new($"20261122T020000Z-{shard}", state, error, "q", files, files, 100, 100, 0, 0, 0, T, null);

    [Fact]
    public void Only_progress_leaves_the_journal_unwritten_every_state_change_writes_it()
    {
        var progressed = new ShardProgressed(T, "1", Report("1", OperationState.Running));
        var failed = new ShardFailed(T, "2", "x");

        Assert.False(RunDecisions.Journaled([progressed, progressed]));
        Assert.True(RunDecisions.Journaled([progressed, failed]));
        Assert.True(RunDecisions.Journaled([new ShardSucceeded(T, "1", Report("1", OperationState.Succeeded))]));
        Assert.True(RunDecisions.Journaled([new RunFinished(T)]));
        Assert.False(RunDecisions.Journaled([]));
    }

    [Fact]
    public void Progress_then_success_then_the_run_finishes_when_every_shard_is_terminal()
    {
        var run = Dispatched();

        var progress = RunDecisions.OnReport(run, "r1", Report("1", OperationState.Running), T);
        run = run.Apply(Assert.IsType<ShardProgressed>(Assert.Single(progress)));
        Assert.Empty(RunDecisions.OnReport(run, "r1", Report("1", OperationState.Running), T));

        run = run.Apply(Assert.IsType<ShardSucceeded>(Assert.Single(RunDecisions.OnReport(run, "r1", Report("1", OperationState.Succeeded), T))));
        Assert.Empty(RunDecisions.MaybeFinish(run, T));

        run = run.Apply(Assert.IsType<ShardFailed>(Assert.Single(RunDecisions.OnReport(run, "r1", Report("2", OperationState.Failed, error: "Code: 81. boom"), T))));
        run = run.Apply(Assert.IsType<RunFinished>(Assert.Single(RunDecisions.MaybeFinish(run, T))));

        Assert.Equal("partial", run.Outcome);
        Assert.Equal("Code: 81. boom", run.Shard("2").Error);
    }

    [Fact]
    public void Reports_from_another_replica_unknown_operations_or_finished_shards_change_nothing()
    {
        var run = Dispatched();
        run = run.Apply(new ShardSucceeded(T, "1", Report("1", OperationState.Succeeded)));

        Assert.Empty(RunDecisions.OnReport(run, "r2", Report("2", OperationState.Succeeded), T));
        Assert.Empty(RunDecisions.OnReport(run, "r1", Report("9", OperationState.Succeeded), T));
        Assert.Empty(RunDecisions.OnReport(run, "r1", Report("1", OperationState.Failed), T));
        Assert.Empty(RunDecisions.OnFailure(run, "r1", Report("1", OperationState.Failed), "late", T));
    }

    [Fact]
    public void Outcomes_name_all_succeeded_all_failed_and_partial()
    {
        var run = Dispatched();
        var ok = run.Apply(new ShardSucceeded(T, "1", Report("1", OperationState.Succeeded))).Apply(new ShardSucceeded(T, "2", Report("2", OperationState.Succeeded))).Apply(new RunFinished(T));
        var bad = run.Apply(new ShardFailed(T, "1", "x")).Apply(new ShardFailed(T, "2", "y")).Apply(new RunFinished(T));

        Assert.Equal("running", run.Outcome);
        Assert.Equal("succeeded", ok.Outcome);
        Assert.Equal("failed", bad.Outcome);
    }
}
