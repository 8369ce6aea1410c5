using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Actors;

/// <summary>
/// Timers on a manual clock. "No tick" is proven with a Ping sent after the clock moved: the ticker answers Pong only
/// after everything already in its mailbox, so a Pong arriving first means no tick was delivered.
/// </summary>
public sealed class TimerTests : IAsyncLifetime
{
    private const string Key = "tick";
    private readonly ManualTimeProvider clock = new();
    private readonly ActorSystem system;
    private readonly TestProbe probe;
    private readonly ActorRef ticker;

    public TimerTests()
    {
        var restartAtOnce = SupervisorStrategy.Always(Directive.Restart) with { Backoff = RestartBackoff.None };
        system = new ActorSystem("timers", NullLoggerFactory.Instance, clock, restartAtOnce);
        probe = new TestProbe(system);
        ticker = system.Spawn(() => new Ticker(probe.Ref), "ticker");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopAsync();

    [Fact]
    public async Task A_single_timer_delivers_once_when_the_clock_reaches_it()
    {
        await Command(new StartSingle(Key, new Tick("once"), TimeSpan.FromSeconds(5)));

        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await ExpectNoTick();
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new Tick("once"), await probe.ExpectMsgAsync<Tick>());

        clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectNoTick();
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    [Fact]
    public async Task A_periodic_timer_delivers_every_interval_until_cancelled()
    {
        await Command(new StartPeriodic(Key, new Tick("again"), TimeSpan.FromSeconds(1)));

        clock.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync<Tick>();
        clock.Advance(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 3; i++)
        {
            await probe.ExpectMsgAsync<Tick>();
        }

        await ExpectNoTick();
        await Command(new CancelTimer(Key));
        clock.Advance(TimeSpan.FromSeconds(5));
        await ExpectNoTick();
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    [Fact]
    public async Task Starting_a_timer_under_a_used_key_replaces_it()
    {
        await Command(new StartSingle(Key, new Tick("first"), TimeSpan.FromSeconds(5)));
        await Command(new StartSingle(Key, new Tick("second"), TimeSpan.FromSeconds(10)));

        clock.Advance(TimeSpan.FromSeconds(5));
        await ExpectNoTick();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(new Tick("second"), await probe.ExpectMsgAsync<Tick>());
    }

    [Fact]
    public async Task A_timer_cancelled_after_it_fired_but_before_its_message_was_processed_does_not_deliver()
    {
        await Command(new StartSingle(Key, new Tick("stale"), TimeSpan.FromSeconds(1)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Send(ticker, new BlockThen(Key, gate.Task, Replacement: null));
        await probe.ExpectMsgAsync<Blocked>();

        clock.Advance(TimeSpan.FromSeconds(1));
        gate.SetResult();

        await probe.ExpectMsgAsync<Ack>();
        await ExpectNoTick();
    }

    [Fact]
    public async Task A_timer_replaced_after_it_fired_delivers_only_the_replacement_when_due()
    {
        await Command(new StartSingle(Key, new Tick("stale"), TimeSpan.FromSeconds(1)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Send(ticker, new BlockThen(Key, gate.Task, new StartSingle(Key, new Tick("fresh"), TimeSpan.FromSeconds(10))));
        await probe.ExpectMsgAsync<Blocked>();

        clock.Advance(TimeSpan.FromSeconds(1));
        gate.SetResult();
        await probe.ExpectMsgAsync<Ack>();
        await ExpectNoTick();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(new Tick("fresh"), await probe.ExpectMsgAsync<Tick>());
    }

    [Fact]
    public async Task Timers_are_cancelled_on_restart()
    {
        await Command(new StartPeriodic(Key, new Tick("before restart"), TimeSpan.FromSeconds(1)));

        ticker.Tell(new Fail("boom"));
        await ExpectNoTick();
        Assert.Equal(0, clock.ActiveTimerCount);
        clock.Advance(TimeSpan.FromSeconds(5));

        await ExpectNoTick();
    }

    [Fact]
    public async Task Timers_are_cancelled_on_stop()
    {
        await Command(new StartPeriodic(Key, new Tick("before stop"), TimeSpan.FromSeconds(1)));
        probe.Watch(ticker);

        system.Stop(ticker);

        await probe.ExpectTerminatedAsync(ticker);
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    private async Task Command(object command)
    {
        probe.Send(ticker, command);
        await probe.ExpectMsgAsync<Ack>();
    }

    private async Task ExpectNoTick()
    {
        probe.Send(ticker, new Ping());
        await probe.ExpectMsgAsync<Pong>();
    }

    private sealed record Tick(string Label);

    private sealed record StartSingle(string Key, Tick Tick, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, Tick Tick, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    /// <summary>Blocks the ticker until <paramref name="Gate"/> completes, then cancels the timer or starts <paramref name="Replacement"/>.</summary>
    private sealed record BlockThen(string Key, Task Gate, StartSingle? Replacement);

    private sealed record Blocked;

    private sealed record Ack;

    /// <summary>Manages timers on command, acknowledging each command; forwards its ticks to the observer.</summary>
    private sealed class Ticker : Actor
    {
        public Ticker(ActorRef observer)
        {
            Receive<StartSingle>(start =>
            {
                Context.Timers.StartSingleTimer(start.Key, start.Tick, start.Delay);
                Sender.Tell(new Ack(), Self);
            });
            Receive<StartPeriodic>(start =>
            {
                Context.Timers.StartPeriodicTimer(start.Key, start.Tick, start.Interval);
                Sender.Tell(new Ack(), Self);
            });
            Receive<CancelTimer>(cancel =>
            {
                Context.Timers.Cancel(cancel.Key);
                Sender.Tell(new Ack(), Self);
            });
            Receive<BlockThen>(async block =>
            {
                Sender.Tell(new Blocked(), Self);
                await block.Gate;
                if (block.Replacement is { } start)
                {
                    Context.Timers.StartSingleTimer(start.Key, start.Tick, start.Delay);
                }
                else
                {
                    Context.Timers.Cancel(block.Key);
                }

                Sender.Tell(new Ack(), Self);
            });
            Receive<Tick>(tick => observer.Tell(tick, Self));
            Receive<Ping>(_ => Sender.Tell(new Pong(), Self));
            Receive<Fail>(fail => throw new InvalidOperationException(fail.Reason));
        }
    }
}
