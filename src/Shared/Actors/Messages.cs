namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// Delivered to every actor that <see cref="ActorContext.Watch"/>es <paramref name="Actor"/> once that actor has stopped
/// (after its PostStop, with its children already stopped). Delivered at most once per watch; an <see cref="ActorContext.Unwatch"/>
/// before delivery suppresses it.
/// </summary>
public sealed record Terminated(ActorRef Actor);

/// <summary>
/// Stops the receiving actor when it reaches the front of the mailbox: messages queued before it are processed, messages
/// queued after it go to dead letters.
/// </summary>
public sealed record PoisonPill
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}

/// <summary>A message that could not be delivered: its recipient had stopped, or an ask had already completed.</summary>
public sealed record DeadLetter(object Message, ActorRef Sender, ActorRef Recipient);

/// <summary>A timer of <see cref="TimerScheduler"/> fired; the owning actor's loop turns it into the timer's message if still current.</summary>
internal sealed record TimerFired(object Key, long Generation);

/// <summary>The kernel's notice that a watched actor stopped; the watcher's loop turns it into <see cref="Terminated"/> if still watching.</summary>
internal sealed record DeathWatchNotification(ActorRef Actor);

/// <summary>A child's supervisor chose <see cref="Directive.Escalate"/>: the parent fails with the child's exception.</summary>
internal sealed record Escalated(ActorRef Child, Exception Reason);

/// <summary>A message with the ref of whoever sent it, as it sits in a mailbox.</summary>
internal readonly record struct Envelope(object Message, ActorRef Sender);
