using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

/// <summary>One poll at a time of <see cref="WatchDecisions"/>: a server that is gone ends the watch, measured from the first failed poll.</summary>
public sealed class WatchDecisionsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly OperationReport Running = new("20261122T020000Z-2", OperationState.Running, "", "q", 10, 10, 0, 100, 0, 0, 0, T, null);

    /// <summary>Seconds after <see cref="T"/> of each failed poll, and whether the last one gives the operation up.</summary>
    [Theory]
    [InlineData(new[] { 1 }, false)]
    [InlineData(new[] { 1, 2, 30 }, false)]
    [InlineData(new[] { 1, 2, 31 }, true)]
    [InlineData(new[] { 5, 35 }, true)]
    [InlineData(new[] { 5, 34 }, false)]
    public void Failed_polls_give_up_once_the_timeout_passed_since_the_first_of_them(int[] seconds, bool givesUp)
    {
        var state = WatchState.Fresh;
        WatchStep step = null!;
        foreach (var at in seconds)
        {
            step = WatchDecisions.Unreachable(state, Running, "ClickHouse at http://127.0.0.1:8123/ is unreachable: Connection refused", T.AddSeconds(at), Timeout);
            state = step.State;
        }

        Assert.Equal(T.AddSeconds(seconds[0]), state.UnreachableSince);
        if (!givesUp)
        {
            Assert.Null(step.Report);
            return;
        }

        var lost = step.Report!;
        Assert.Equal((OperationState.Failed, true, T.AddSeconds(seconds[^1])), (lost.State, lost.ServerLost, lost.FinishedAt));
        Assert.Equal(
            $"the local ClickHouse has been unreachable for {seconds[^1] - seconds[0]} s (every poll since 2026-11-22 02:00:0{seconds[0]}Z failed; " +
            "the last: ClickHouse at http://127.0.0.1:8123/ is unreachable: Connection refused)",
            lost.Error);
        Assert.Equal((Running.NumFiles, Running.StartedAt), (lost.NumFiles, lost.StartedAt));
    }

    [Fact]
    public void A_poll_that_answers_starts_the_timeout_afresh()
    {
        var down = WatchDecisions.Unreachable(WatchState.Fresh, Running, "refused", T.AddSeconds(1), Timeout).State;
        var back = WatchDecisions.Found(down, Running, Running with { NumFiles = 20 }, T.AddSeconds(20));
        var againDown = WatchDecisions.Unreachable(back.State, Running, "refused", T.AddSeconds(40), Timeout);

        Assert.Equal(20UL, back.Report!.NumFiles);
        Assert.Equal(WatchState.Fresh, back.State);
        Assert.Null(againDown.Report);
        Assert.Equal(T.AddSeconds(40), againDown.State.UnreachableSince);
    }

    [Fact]
    public void Back_after_being_unreachable_without_a_record_is_lost_at_once()
    {
        var down = WatchDecisions.Unreachable(WatchState.Fresh, Running, "refused", T.AddSeconds(1), Timeout).State;

        var step = WatchDecisions.Found(down, Running, OperationReports.Unknown(Running.OperationId), T.AddSeconds(3));

        Assert.Equal((OperationState.Failed, true), (step.Report!.State, step.Report.ServerLost));
        Assert.Equal(
            "the local ClickHouse was unreachable from 2026-11-22 02:00:01Z and is back without a record of operation 20261122T020000Z-2 " +
            "(it restarted; system.backups does not survive a restart)", step.Report.Error);
    }

    [Fact]
    public void Without_a_record_while_answering_it_is_lost_after_several_polls()
    {
        var state = WatchState.Fresh;
        for (var i = 1; i < WatchDecisions.LostAfterPolls; i++)
        {
            var step = WatchDecisions.Found(state, Running, OperationReports.Unknown(Running.OperationId), T.AddSeconds(i));
            Assert.Null(step.Report);
            state = step.State;
        }

        var lost = WatchDecisions.Found(state, Running, OperationReports.Unknown(Running.OperationId), T.AddSeconds(9)).Report!;

        Assert.Equal((OperationState.Failed, true), (lost.State, lost.ServerLost));
        Assert.Contains("has no record of operation 20261122T020000Z-2 any more", lost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_clickhouse_reports_itself_is_not_a_lost_server()
    {
        var failed = Running with { State = OperationState.Failed, Error = "Code: 243. DB::Exception: not enough space. (NOT_ENOUGH_SPACE)" };

        var step = WatchDecisions.Found(WatchState.Fresh, Running, failed, T);

        Assert.Same(failed, step.Report);
        Assert.False(step.Report!.ServerLost);
    }
}
