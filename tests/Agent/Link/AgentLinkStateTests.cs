using ClickVault.Cluster.Agent.Link;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Link;

/// <summary>The link's decisions as pure functions: no actor, no clock, every instant given.</summary>
public sealed class AgentLinkStateTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefusalDelay = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>helloAgo: seconds since the last hello (null: none sent); heardAgo: seconds since the tier was last heard.</summary>
    [Theory]
    // Greeting: the first hello at once, none again within the welcome timeout, a new one after it.
    [InlineData(LinkPhase.Greeting, null, 0, LinkAction.SendHello, LinkPhase.Greeting)]
    [InlineData(LinkPhase.Greeting, 0, 0, LinkAction.None, LinkPhase.Greeting)]
    [InlineData(LinkPhase.Greeting, 9, 0, LinkAction.None, LinkPhase.Greeting)]
    [InlineData(LinkPhase.Greeting, 10, 0, LinkAction.SendHello, LinkPhase.Greeting)]
    [InlineData(LinkPhase.Greeting, 60, 0, LinkAction.SendHello, LinkPhase.Greeting)]
    // Welcomed: a heartbeat while the tier speaks; after SilentIntervals (4 × 5 s) of silence the link is lost.
    [InlineData(LinkPhase.Welcomed, null, 0, LinkAction.SendHeartbeat, LinkPhase.Welcomed)]
    [InlineData(LinkPhase.Welcomed, null, 20, LinkAction.SendHeartbeat, LinkPhase.Welcomed)]
    [InlineData(LinkPhase.Welcomed, null, 21, LinkAction.SendHello, LinkPhase.Greeting)]
    // Refused: the next hello waits the refusal delay, not the welcome timeout.
    [InlineData(LinkPhase.Refused, 11, 0, LinkAction.None, LinkPhase.Refused)]
    [InlineData(LinkPhase.Refused, 29, 0, LinkAction.None, LinkPhase.Refused)]
    [InlineData(LinkPhase.Refused, 30, 0, LinkAction.SendHello, LinkPhase.Refused)]
    public void Tick_decides_by_phase_and_elapsed_time(LinkPhase phase, int? helloAgo, int heardAgo, LinkAction expected, LinkPhase expectedPhase)
    {
        var state = AgentLinkState.Initial(Interval) with
        {
            Phase = phase,
            HelloSentAt = helloAgo is { } ago ? Now - TimeSpan.FromSeconds(ago) : null,
            LastHeard = Now - TimeSpan.FromSeconds(heardAgo),
        };

        var (next, action) = state.Tick(Now, RefusalDelay);

        Assert.Equal(expected, action);
        Assert.Equal(expectedPhase, next.Phase);
    }

    [Fact]
    public void A_hello_is_sent_at_once_then_again_only_after_the_welcome_timeout()
    {
        var state = AgentLinkState.Initial(Interval);

        var (first, action) = state.Tick(Now, RefusalDelay);
        Assert.Equal(LinkAction.SendHello, action);
        state = first.HelloSent(Now);

        Assert.Equal(LinkAction.None, state.Tick(Now + AgentLinkState.WelcomeTimeout - TimeSpan.FromMilliseconds(1), RefusalDelay).Action);
        Assert.Equal(LinkAction.SendHello, state.Tick(Now + AgentLinkState.WelcomeTimeout, RefusalDelay).Action);
    }

    [Fact]
    public void A_silent_tier_counts_as_lost_and_the_next_tick_greets_it_again()
    {
        var (welcomed, _) = AgentLinkState.Initial(Interval).Welcome(new Welcome("1.0", Interval), Now);

        var (lost, action) = welcomed.Tick(Now + Interval * AgentLinkState.SilentIntervals + TimeSpan.FromSeconds(1), RefusalDelay);

        Assert.Equal(LinkAction.SendHello, action);
        Assert.Equal(LinkPhase.Greeting, lost.Phase);
        Assert.Null(lost.HelloSentAt);
        Assert.False(lost.IsWelcomed);
        Assert.Equal(Interval, lost.HeartbeatInterval);
    }

    [Fact]
    public void Ticks_that_send_nothing_or_a_heartbeat_leave_the_state_as_it_was()
    {
        var waiting = AgentLinkState.Initial(Interval).HelloSent(Now);
        var (welcomed, _) = AgentLinkState.Initial(Interval).Welcome(new Welcome("1.0", Interval), Now);

        Assert.Same(waiting, waiting.Tick(Now + TimeSpan.FromSeconds(1), RefusalDelay).State);
        Assert.Same(welcomed, welcomed.Tick(Now + Interval, RefusalDelay).State);
    }

    [Theory]
    [InlineData(15, 15)]
    [InlineData(0, 5)]
    [InlineData(-1, 5)]
    public void Welcome_takes_the_coordinators_interval_unless_it_gives_none(int givenSeconds, int expectedSeconds)
    {
        var state = AgentLinkState.Initial(Interval).HelloSent(Now - TimeSpan.FromSeconds(1));

        var (welcomed, flush) = state.Welcome(new Welcome("1.0", TimeSpan.FromSeconds(givenSeconds)), Now);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), welcomed.HeartbeatInterval);
        Assert.Equal(LinkPhase.Welcomed, welcomed.Phase);
        Assert.True(welcomed.IsWelcomed);
        Assert.Equal(Now, welcomed.LastHeard);
        Assert.Null(welcomed.HelloSentAt);
        Assert.Empty(flush);
    }

    [Fact]
    public void Welcome_flushes_what_was_kept_oldest_operation_first_and_keeps_nothing()
    {
        var state = AgentLinkState.Initial(Interval);
        var a = new OperationProgress(Report("op-a", OperationState.Running));
        var b = new OperationProgress(Report("op-b", OperationState.Running));
        var c = new BackupFailed(Report("op-c", OperationState.Failed), "boom");
        foreach (var message in new ProtocolMessage[] { a, b, c })
        {
            state = state.Post(message).State;
        }

        var (welcomed, flush) = state.Welcome(new Welcome("1.0", Interval), Now);

        Assert.Equal(new ProtocolMessage[] { a, b, c }, flush);
        Assert.Empty(welcomed.Pending);
    }

    [Theory]
    [InlineData(LinkPhase.Greeting)]
    [InlineData(LinkPhase.Refused)]
    public void Post_while_not_welcomed_keeps_the_latest_per_operation_in_order_of_first_appearance(LinkPhase phase)
    {
        var state = AgentLinkState.Initial(Interval) with { Phase = phase };
        var firstA = new OperationProgress(Report("op-a", OperationState.Running, files: 10));
        var b = new OperationProgress(Report("op-b", OperationState.Running));
        var laterA = new OperationProgress(Report("op-a", OperationState.Running, files: 20));
        var doneA = new BackupCompleted(Report("op-a", OperationState.Succeeded, files: 40));
        var restore = new RestoreCompleted(Report("restore-1", OperationState.Succeeded));

        foreach (var message in new ProtocolMessage[] { firstA, b, laterA, doneA, restore })
        {
            var (next, sendNow) = state.Post(message);
            Assert.False(sendNow);
            state = next;
        }

        // op-a's progress is superseded by its completion, and op-a stays ahead of op-b, which appeared after it.
        Assert.Equal(new ProtocolMessage[] { doneA, b, restore }, state.Pending);
    }

    [Fact]
    public void Post_while_not_welcomed_drops_messages_about_no_operation()
    {
        var state = AgentLinkState.Initial(Interval).Post(new OperationProgress(Report("op-a", OperationState.Running))).State;

        foreach (var message in new ProtocolMessage[]
        {
            new AgentHeartbeat(Now, true, null),
            new OperationStatus([Report("op-a", OperationState.Running)]),
        })
        {
            var (next, sendNow) = state.Post(message);
            Assert.False(sendNow);
            Assert.Same(state, next);
        }

        Assert.IsType<OperationProgress>(Assert.Single(state.Pending));
    }

    [Fact]
    public void Post_when_welcomed_sends_at_once_and_keeps_nothing()
    {
        var (welcomed, _) = AgentLinkState.Initial(Interval).Welcome(new Welcome("1.0", Interval), Now);

        foreach (var message in new ProtocolMessage[]
        {
            new OperationProgress(Report("op-a", OperationState.Running)),
            new BackupCompleted(Report("op-a", OperationState.Succeeded)),
            new OperationStatus([]),
        })
        {
            var (next, sendNow) = welcomed.Post(message);
            Assert.True(sendNow);
            Assert.Same(welcomed, next);
        }

        Assert.Empty(welcomed.Pending);
    }

    [Fact]
    public void Heard_moves_the_last_word_only_when_welcomed()
    {
        var later = Now + TimeSpan.FromSeconds(3);
        var (welcomed, _) = AgentLinkState.Initial(Interval).Welcome(new Welcome("1.0", Interval), Now);
        var greeting = AgentLinkState.Initial(Interval).HelloSent(Now);
        var refused = AgentLinkState.Initial(Interval).Refused(Now);

        Assert.Equal(later, welcomed.Heard(later).LastHeard);
        Assert.Same(greeting, greeting.Heard(later));
        Assert.Same(refused, refused.Heard(later));
    }

    private static OperationReport Report(string id, OperationState state, ulong files = 0) =>
        new(id, state, string.Empty, "query-" + id, files, files, 0, 0, 0, 0, 0, Now, state == OperationState.Running ? null : Now);
}
