using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// An actor's view of itself and its surroundings (Akka's <c>IActorContext</c>): its refs, its children, death watch,
/// timers and logger. Use it only from the actor's own handlers and lifecycle hooks.
/// </summary>
public sealed class ActorContext
{
    private readonly ActorCell cell;

    internal ActorContext(ActorCell cell, ILogger log)
    {
        this.cell = cell;
        Log = log;
        Timers = new TimerScheduler(cell);
    }

    public ActorSystem System => cell.System;

    public ActorRef Self => cell.Self;

    /// <summary>Sender of the message being processed, or <see cref="ActorRef.NoSender"/>.</summary>
    public ActorRef Sender => cell.CurrentSender;

    /// <summary>The parent; for a top-level actor the <c>/user</c> guardian, which sends what it is told to dead letters.</summary>
    public ActorRef Parent => cell.Parent;

    /// <summary>Live children, in no particular order.</summary>
    public IReadOnlyCollection<ActorRef> Children => cell.Children.Refs();

    /// <summary>Timers delivering to this actor's mailbox, on the system's clock; all cancelled on stop and restart.</summary>
    public TimerScheduler Timers { get; }

    /// <summary>Logger whose category is the actor's type.</summary>
    public ILogger Log { get; }

    /// <summary>The live child called <paramref name="name"/>, or null.</summary>
    public ActorRef? Child(string name) => cell.Children.Find(name)?.Self;

    /// <summary>Spawns a child supervised by this actor's <c>SupervisorStrategy</c>; <paramref name="name"/> must be unique among live siblings (null generates one).</summary>
    public ActorRef Spawn(Props props, string? name = null) => cell.System.SpawnCell(props, name, cell);

    public ActorRef Spawn<TActor>(Func<TActor> factory, string? name = null)
        where TActor : Actor => Spawn(Props.Create(factory), name);

    /// <summary>Stops <paramref name="actor"/> (a child, or Self) once its current message is done; queued messages go to dead letters.</summary>
    public void Stop(ActorRef actor) => ActorCell.Of(actor).RequestStop();

    /// <summary>Asks for a <see cref="Terminated"/> message when <paramref name="subject"/> stops (at once if it already has).</summary>
    public ActorRef Watch(ActorRef subject)
    {
        cell.Watch(ActorCell.Of(subject));
        return subject;
    }

    /// <summary>Cancels a <see cref="Watch"/>; a <see cref="Terminated"/> not yet processed is dropped.</summary>
    public ActorRef Unwatch(ActorRef subject)
    {
        cell.Unwatch(ActorCell.Of(subject));
        return subject;
    }

    /// <summary>Unwatches and stops every child, completing once all have stopped (the default PreRestart).</summary>
    internal Task StopChildrenAsync()
    {
        var children = cell.Children.Snapshot();
        foreach (var child in children)
        {
            cell.Unwatch(child);
        }

        return Task.WhenAll(children.Select(child => child.StopAsync()));
    }
}
