using System.Collections.Concurrent;
using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Actors;

public sealed class LifecycleTests
{
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public async Task Stop_runs_PostStop_notifies_watchers_and_later_messages_become_dead_letters()
    {
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        await using var system = new ActorSystem("lifecycle", loggerFactory, clock);
        var probe = new TestProbe(system);
        var letters = new ConcurrentQueue<DeadLetter>();
        system.DeadLetterPublished += (_, letter) => letters.Enqueue(letter);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        probe.Watch(counter);

        system.Stop(counter);
        await probe.ExpectMsgAsync(new Stopped(1));
        await probe.ExpectTerminatedAsync(counter);
        probe.Send(counter, new Increment());

        Assert.Equal(1, system.DeadLetterCount);
        var letter = Assert.Single(letters);
        Assert.Equal(new DeadLetter(new Increment(), probe.Ref, counter), letter);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("Dead letter: Increment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PoisonPill_stops_after_the_messages_queued_before_it()
    {
        await using var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        var counter = system.Spawn(Counter.Numbered(probe.Ref), "counter");
        await probe.ExpectMsgAsync(new Started(1));
        probe.Watch(counter);

        counter.Tell(new Increment());
        probe.Send(counter, new GetCount());
        counter.Tell(PoisonPill.Instance);
        probe.Send(counter, new GetCount());

        Assert.Equal(new Count(1, 1), await probe.ExpectMsgAsync<Count>());
        await probe.ExpectMsgAsync(new Stopped(1));
        await probe.ExpectTerminatedAsync(counter);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Disposing_the_system_stops_children_before_parents_and_awaits_every_PostStop()
    {
        var stops = new ConcurrentQueue<string>();
        var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        system.Spawn(() => new Node(depth: 2, probe.Ref, stops), "a");
        system.Spawn(() => new Node(depth: 2, probe.Ref, stops), "b");
        await probe.ExpectMsgAsync<string>();
        await probe.ExpectMsgAsync<string>();

        await system.DisposeAsync();

        var order = stops.ToList();
        Assert.Equal(6, order.Count);
        foreach (var root in new[] { "/user/a", "/user/b" })
        {
            Assert.True(order.IndexOf($"{root}/n/n") < order.IndexOf($"{root}/n"), string.Join(", ", order));
            Assert.True(order.IndexOf($"{root}/n") < order.IndexOf(root), string.Join(", ", order));
        }

        Assert.Throws<InvalidOperationException>(() => system.Spawn(() => new Node(0, probe.Ref, stops), "late"));
    }

    [Fact]
    public async Task A_name_is_taken_until_its_actor_has_stopped_and_then_gets_a_new_incarnation()
    {
        await using var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        var first = system.Spawn(Counter.Numbered(probe.Ref), "shard-1");
        await probe.ExpectMsgAsync(new Started(1));

        Assert.Throws<InvalidActorNameException>(() => system.Spawn(Counter.Numbered(probe.Ref), "shard-1"));
        probe.Watch(first);
        system.Stop(first);
        await probe.ExpectMsgAsync<Stopped>();
        await probe.ExpectTerminatedAsync(first);
        var second = system.Spawn(Counter.Numbered(probe.Ref), "shard-1");

        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
        Assert.Equal("shard-1", second.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    public async Task Malformed_names_are_rejected(string name)
    {
        await using var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);

        var error = Assert.Throws<InvalidActorNameException>(() => system.Spawn(() => new Node(0, ActorRef.NoSender, new()), name));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_whose_PreStart_throws_is_stopped_without_PostStop()
    {
        await using var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);

        var broken = system.Spawn(() => new FailingStart(probe.Ref), "broken");
        probe.Watch(broken);

        await probe.ExpectTerminatedAsync(broken);
    }

    [Fact]
    public async Task Using_Self_in_the_constructor_fails_the_start_with_a_clear_error()
    {
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        await using var system = new ActorSystem("lifecycle", loggerFactory, clock);
        var probe = new TestProbe(system);

        var broken = system.Spawn(() => new SelfInConstructor(probe.Ref), "broken");
        probe.Watch(broken);

        await probe.ExpectTerminatedAsync(broken);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("/user/broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Children_are_listed_and_found_by_name()
    {
        await using var system = new ActorSystem("lifecycle", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        var childProbe = new TestProbe(system);
        var parent = system.Spawn(Parent.Numbered(SupervisorStrategy.Default, Counter.Numbered(childProbe.Ref), probe.Ref), "parent");
        var child = (await probe.ExpectMsgAsync<ChildSpawned>()).Child;

        probe.Send(parent, new GetChildren());
        var report = await probe.ExpectMsgAsync<ChildrenReport>();

        Assert.Equal("/user/parent/child", child.Path);
        Assert.Equal([child], report.Children);
        Assert.Equal(child, report.Found);
        Assert.Null(report.Missing);
    }

    /// <summary>Spawns a chain of <c>depth</c> descendants named "n"; the deepest reports its path to the probe; PostStop (after an await) records the path.</summary>
    private sealed class Node(int depth, ActorRef observer, ConcurrentQueue<string> stops) : Actor
    {
        protected override Task PreStartAsync()
        {
            if (depth > 0)
            {
                Context.Spawn(() => new Node(depth - 1, observer, stops), "n");
            }
            else
            {
                observer.Tell(Self.Path, Self);
            }

            return Task.CompletedTask;
        }

        protected override async Task PostStopAsync()
        {
            await Task.Yield();
            stops.Enqueue(Self.Path);
        }
    }

    private sealed class SelfInConstructor : Actor
    {
        public SelfInConstructor(ActorRef observer) => observer.Tell(new Started(1), Self);
    }

    private sealed class FailingStart(ActorRef observer) : Actor
    {
        protected override Task PreStartAsync() => throw new InvalidOperationException("cannot start");

        protected override Task PostStopAsync()
        {
            observer.Tell(new Stopped(1), Self);
            return Task.CompletedTask;
        }
    }
}
