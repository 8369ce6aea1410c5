using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Actors;

public sealed class MailboxTests
{
    [Fact]
    public async Task Messages_from_concurrent_senders_keep_each_senders_order()
    {
        const int Senders = 8;
        const int PerSender = 2_000;
        await using var system = new ActorSystem("ordering", NullLoggerFactory.Instance, TimeProvider.System);
        var probe = new TestProbe(system);
        var sequencer = system.Spawn(() => new Sequencer(), "sequencer");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            await go.Task;
            for (var seq = 0; seq < PerSender; seq++)
            {
                sequencer.Tell(new Numbered(sender, seq));
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(senders);
        probe.Send(sequencer, new GetReport());

        var report = await probe.ExpectMsgAsync<SequenceReport>();
        Assert.Equal(Senders * PerSender, report.Total);
        Assert.Equal(0, report.OutOfOrder);
        Assert.All(report.LastBySender, last => Assert.Equal(PerSender - 1, last));
    }

    [Fact]
    public async Task Async_handlers_never_overlap()
    {
        const int Messages = 400;
        await using var system = new ActorSystem("overlap", NullLoggerFactory.Instance, TimeProvider.System);
        var probe = new TestProbe(system);
        var gauge = new ConcurrencyGauge();
        var worker = system.Spawn(() => new SlowWorker(gauge), "worker");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < Messages / 4; i++)
            {
                worker.Tell(new Work());
            }
        })));
        probe.Send(worker, new GetCount());

        var done = await probe.ExpectMsgAsync<Count>();
        Assert.Equal(Messages, done.Value);
        Assert.Equal(1, gauge.Max);
    }

    [Fact]
    public async Task Sender_stays_the_same_across_awaits_in_a_handler()
    {
        await using var system = new ActorSystem("sender", NullLoggerFactory.Instance, TimeProvider.System);
        var first = new TestProbe(system);
        var second = new TestProbe(system);
        var worker = system.Spawn(() => new SlowWorker(new ConcurrencyGauge()), "worker");

        first.Send(worker, new GetCountLater());
        second.Send(worker, new GetCountLater());

        Assert.Equal(new Count(0, 1), await first.ExpectMsgAsync<Count>());
        Assert.Equal(new Count(0, 1), await second.ExpectMsgAsync<Count>());
    }

    [Fact]
    public async Task Unhandled_messages_are_logged_as_warnings_and_dropped()
    {
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        await using var system = new ActorSystem("unhandled", loggerFactory, new ManualTimeProvider());
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));

        counter.Tell("what is this?");
        counter.Tell(new Increment());
        probe.Send(counter, new GetCount());

        Assert.Equal(new Count(1, 1), await probe.ExpectMsgAsync<Count>());
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(typeof(Counter).FullName, warning.Category);
        Assert.Contains("/user/counter", warning.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(String), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Become_replaces_the_handlers_from_the_next_message()
    {
        await using var system = new ActorSystem("become", NullLoggerFactory.Instance, new ManualTimeProvider());
        var probe = new TestProbe(system);
        var toggle = system.Spawn(() => new Toggle(), "toggle");

        probe.Send(toggle, new Ping());
        probe.Send(toggle, "flip");
        probe.Send(toggle, new Ping());
        probe.Send(toggle, "flip");
        probe.Send(toggle, new Ping());

        Assert.Equal("off", await probe.ExpectMsgAsync<string>());
        Assert.Equal("on", await probe.ExpectMsgAsync<string>());
        Assert.Equal("off", await probe.ExpectMsgAsync<string>());
    }

    private sealed record Numbered(int Sender, int Seq);

    private sealed record GetReport;

    private sealed record SequenceReport(int Total, int OutOfOrder, IReadOnlyCollection<int> LastBySender);

    private sealed record Work;

    private sealed record GetCountLater;

    private sealed class Sequencer : Actor
    {
        private readonly Dictionary<int, int> last = [];
        private int total;
        private int outOfOrder;

        public Sequencer()
        {
            Receive<Numbered>(message =>
            {
                var expected = last.TryGetValue(message.Sender, out var previous) ? previous + 1 : 0;
                if (message.Seq != expected)
                {
                    outOfOrder++;
                }

                last[message.Sender] = message.Seq;
                total++;
            });
            Receive<GetReport>(_ => Sender.Tell(new SequenceReport(total, outOfOrder, [.. last.Values]), Self));
        }
    }

    /// <summary>Counts handlers running at once, with Interlocked so that an overlap cannot hide itself.</summary>
    private sealed class ConcurrencyGauge
    {
        private int active;
        private int max;

        public int Max => Volatile.Read(ref max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref active);
            int seen;
            while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref active);
    }

    private sealed class SlowWorker : Actor
    {
        private int processed;

        public SlowWorker(ConcurrencyGauge gauge)
        {
            Receive<Work>(async _ =>
            {
                gauge.Enter();
                await Task.Yield();
                await Task.Yield();
                gauge.Exit();
                processed++;
            });
            Receive<GetCount>(_ => Sender.Tell(new Count(processed, 1), Self));
            Receive<GetCountLater>(async _ =>
            {
                await Task.Yield();
                Sender.Tell(new Count(processed, 1), Self);
            });
        }
    }

    private sealed class Toggle : Actor
    {
        public Toggle() => Off();

        private void Off()
        {
            Receive<Ping>(_ => Sender.Tell("off", Self));
            Receive<string>(_ => Become(On), flip => flip == "flip");
        }

        private void On()
        {
            Receive<Ping>(_ => Sender.Tell("on", Self));
            Receive<string>(_ => Become(Off), flip => flip == "flip");
        }
    }
}
