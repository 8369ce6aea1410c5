using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Actors;

public sealed class SupervisionTests
{
    private static readonly SupervisorStrategy RestartAtOnce = SupervisorStrategy.Always(Directive.Restart) with { Backoff = RestartBackoff.None };
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public async Task Restart_replaces_the_instance_with_fresh_state_and_keeps_the_ref_and_mailbox()
    {
        await using var system = NewSystem(RestartAtOnce);
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        counter.Tell(new Increment());
        counter.Tell(new Increment());
        probe.Send(counter, new GetCount());
        Assert.Equal(new Count(2, 1), await probe.ExpectMsgAsync<Count>());

        counter.Tell(new Fail("boom"));
        counter.Tell(new Increment());
        probe.Send(counter, new GetCount());

        await probe.ExpectMsgAsync(new Stopped(1));
        await probe.ExpectMsgAsync(new Started(2));
        Assert.Equal(new Count(1, 2), await probe.ExpectMsgAsync<Count>());
        Assert.Equal(counter, probe.LastSender);
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state_and_drops_the_failing_message()
    {
        await using var system = NewSystem(SupervisorStrategy.Always(Directive.Resume));
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        counter.Tell(new Increment());

        counter.Tell(new Fail("boom"));
        counter.Tell(new Increment());
        probe.Send(counter, new GetCount());

        Assert.Equal(new Count(2, 1), await probe.ExpectMsgAsync<Count>());
    }

    [Fact]
    public async Task Stop_directive_stops_the_actor_with_PostStop_and_Terminated()
    {
        await using var system = NewSystem(SupervisorStrategy.Always(Directive.Stop));
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        probe.Watch(counter);

        counter.Tell(new Fail("boom"));

        await probe.ExpectMsgAsync(new Stopped(1));
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task The_decider_picks_the_directive_per_exception()
    {
        var strategy = RestartAtOnce with { Decider = ex => ex.Message == "resume" ? Directive.Resume : Directive.Restart };
        await using var system = NewSystem(strategy);
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        counter.Tell(new Increment());

        counter.Tell(new Fail("resume"));
        probe.Send(counter, new GetCount());
        counter.Tell(new Fail("restart"));
        probe.Send(counter, new GetCount());

        Assert.Equal(new Count(1, 1), await probe.ExpectMsgAsync<Count>());
        await probe.ExpectMsgAsync(new Stopped(1));
        await probe.ExpectMsgAsync(new Started(2));
        Assert.Equal(new Count(0, 2), await probe.ExpectMsgAsync<Count>());
    }

    [Fact]
    public async Task Too_many_failures_within_the_window_stop_the_child_and_the_watching_parent_gets_Terminated()
    {
        await using var system = NewSystem(RestartAtOnce);
        var parentProbe = new TestProbe(system);
        var childProbe = new TestProbe(system);
        var strategy = RestartAtOnce with { MaxRestarts = 2, Window = TimeSpan.FromMinutes(1) };
        system.Spawn(Parent.Numbered(strategy, Counter.Numbered(childProbe.Ref), parentProbe.Ref), "parent");
        var child = (await parentProbe.ExpectMsgAsync<ChildSpawned>()).Child;
        Assert.Equal("/user/parent/child", child.Path);
        await childProbe.ExpectMsgAsync(new Started(1));

        for (var instance = 1; instance <= 2; instance++)
        {
            child.Tell(new Fail("boom"));
            await childProbe.ExpectMsgAsync(new Stopped(instance));
            await childProbe.ExpectMsgAsync(new Started(instance + 1));
            clock.Advance(TimeSpan.FromSeconds(29));
        }

        child.Tell(new Fail("third within a minute"));

        await childProbe.ExpectMsgAsync(new Stopped(3));
        await parentProbe.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Failures_older_than_the_window_do_not_count()
    {
        await using var system = NewSystem(RestartAtOnce with { MaxRestarts = 2, Window = TimeSpan.FromMinutes(1) });
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));

        for (var instance = 1; instance <= 4; instance++)
        {
            counter.Tell(new Fail("boom"));
            await probe.ExpectMsgAsync(new Stopped(instance));
            await probe.ExpectMsgAsync(new Started(instance + 1));
            clock.Advance(TimeSpan.FromSeconds(31));
        }

        probe.Send(counter, new Ping());
        await probe.ExpectMsgAsync<Pong>();
    }

    [Fact]
    public async Task Restart_waits_an_exponential_backoff_on_the_system_clock_while_messages_wait_in_the_mailbox()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25));
        await using var system = NewSystem(SupervisorStrategy.Always(Directive.Restart) with { Backoff = backoff });
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));

        counter.Tell(new Fail("first"));
        probe.Send(counter, new GetCount());
        await probe.ExpectMsgAsync(new Stopped(1));
        await BackoffTimerStarted();
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), clock.NextTimerDueAt);
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.Equal(1, clock.ActiveTimerCount);
        clock.Advance(TimeSpan.FromTicks(1));
        await probe.ExpectMsgAsync(new Started(2));
        Assert.Equal(new Count(0, 2), await probe.ExpectMsgAsync<Count>());

        counter.Tell(new Fail("second"));
        await probe.ExpectMsgAsync(new Stopped(2));
        await BackoffTimerStarted();
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(20), clock.NextTimerDueAt);
        clock.Advance(TimeSpan.FromSeconds(20));
        await probe.ExpectMsgAsync(new Started(3));

        counter.Tell(new Fail("third"));
        await probe.ExpectMsgAsync(new Stopped(3));
        await BackoffTimerStarted();
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(25), clock.NextTimerDueAt);
    }

    [Fact]
    public async Task Stopping_during_the_backoff_ends_the_wait_and_stops_the_actor()
    {
        await using var system = NewSystem(SupervisorStrategy.Always(Directive.Restart));
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        probe.Watch(counter);

        counter.Tell(new Fail("boom"));
        await probe.ExpectMsgAsync(new Stopped(1));
        await BackoffTimerStarted();
        system.Stop(counter);

        // The clock never reached the backoff's end: only the stop can have ended the wait, and no restart came first.
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task Escalate_stops_the_child_and_restarts_the_parent_which_respawns_it()
    {
        await using var system = NewSystem(RestartAtOnce);
        var parentProbe = new TestProbe(system);
        var childProbe = new TestProbe(system);
        var parent = system.Spawn(Parent.Numbered(SupervisorStrategy.Always(Directive.Escalate), Counter.Numbered(childProbe.Ref), parentProbe.Ref), "parent");
        var first = await parentProbe.ExpectMsgAsync<ChildSpawned>();
        await childProbe.ExpectMsgAsync(new Started(1));

        first.Child.Tell(new Fail("escalate me"));

        await childProbe.ExpectMsgAsync(new Stopped(1));
        var second = await parentProbe.ExpectMsgAsync<ChildSpawned>();
        Assert.Equal(2, second.ParentInstance);
        Assert.Equal(first.Child.Path, second.Child.Path);
        Assert.NotEqual(first.Child, second.Child);
        await childProbe.ExpectMsgAsync(new Started(2));

        // The restart unwatched the old child: its Terminated would otherwise reach the probe before this report.
        parentProbe.Send(parent, new GetChildren());
        Assert.Equal([second.Child], (await parentProbe.ExpectMsgAsync<ChildrenReport>()).Children);
    }

    [Fact]
    public void Backoff_doubles_from_min_caps_at_max_and_stretches_by_the_injected_jitter()
    {
        var plain = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var jittered = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), randomFactor: 0.5, random: new Random(7));
        var expectedJitter = new Random(7);

        Assert.Equal(
            [1, 2, 4, 5, 5],
            Enumerable.Range(1, 5).Select(n => plain.DelayBefore(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), plain.DelayBefore(100));
        Assert.Equal(
            TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(2).Ticks * (1 + (0.5 * expectedJitter.NextDouble())))),
            jittered.DelayBefore(2));
    }

    [Fact]
    public void Strategy_and_backoff_reject_meaningless_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SupervisorStrategy.Default with { MaxRestarts = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SupervisorStrategy.Default with { Window = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff(TimeSpan.Zero, TimeSpan.Zero, randomFactor: -0.1));
    }

    private async Task BackoffTimerStarted()
    {
        using var timeout = new CancellationTokenSource(TestProbe.DefaultTimeout);
        await clock.WaitForActiveTimersAsync(1, timeout.Token);
    }

    private ActorSystem NewSystem(SupervisorStrategy guardianStrategy) =>
        new("supervision", NullLoggerFactory.Instance, clock, guardianStrategy);
}
