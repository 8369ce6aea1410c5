using ClickVault.Cluster.Shared.Actors;

namespace ClickVault.Cluster.Shared.Tests.Actors;

internal sealed record Increment;

internal sealed record GetCount;

internal sealed record Count(int Value, int Instance);

internal sealed record Fail(string Reason);

internal sealed record Started(int Instance);

internal sealed record Stopped(int Instance);

internal sealed record Ping;

internal sealed record Pong;

internal sealed record ChildSpawned(ActorRef Child, int ParentInstance);

internal sealed record GetChildren;

internal sealed record ChildrenReport(IReadOnlyCollection<ActorRef> Children, ActorRef? Found, ActorRef? Missing);

/// <summary>Counts <see cref="Increment"/>s; reports its lifecycle (with an instance number) to a probe; throws on <see cref="Fail"/>.</summary>
internal sealed class Counter : Actor
{
    private readonly ActorRef observer;
    private readonly int instance;
    private int count;

    public Counter(ActorRef observer, int instance)
    {
        this.observer = observer;
        this.instance = instance;
        Receive<Increment>(_ => count++);
        Receive<GetCount>(_ => Sender.Tell(new Count(count, instance), Self));
        Receive<Ping>(_ => Sender.Tell(new Pong(), Self));
        Receive<Fail>(fail => throw new InvalidOperationException(fail.Reason));
    }

    /// <summary>Props numbering the instances they create 1, 2, 3...</summary>
    public static Props Numbered(ActorRef observer)
    {
        var created = 0;
        return Props.Create(() => new Counter(observer, ++created));
    }

    protected override Task PreStartAsync()
    {
        observer.Tell(new Started(instance), Self);
        return Task.CompletedTask;
    }

    protected override Task PostStopAsync()
    {
        observer.Tell(new Stopped(instance), Self);
        return Task.CompletedTask;
    }
}

/// <summary>Supervises one child named "child" with a given strategy; reports the child (per own instance) and its Terminated to a probe.</summary>
internal sealed class Parent : Actor
{
    private readonly SupervisorStrategy strategy;
    private readonly Props child;
    private readonly ActorRef observer;
    private readonly int instance;

    public Parent(SupervisorStrategy strategy, Props child, ActorRef observer, int instance)
    {
        this.strategy = strategy;
        this.child = child;
        this.observer = observer;
        this.instance = instance;
        Receive<Terminated>(terminated => observer.Tell(terminated, Self));
        Receive<GetChildren>(_ => Sender.Tell(new ChildrenReport(Context.Children, Context.Child("child"), Context.Child("missing")), Self));
    }

    protected override SupervisorStrategy SupervisorStrategy => strategy;

    public static Props Numbered(SupervisorStrategy strategy, Props child, ActorRef observer)
    {
        var created = 0;
        return Props.Create(() => new Parent(strategy, child, observer, ++created));
    }

    protected override Task PreStartAsync()
    {
        var spawned = Context.Watch(Context.Spawn(child, "child"));
        observer.Tell(new ChildSpawned(spawned, instance), Self);
        return Task.CompletedTask;
    }
}
