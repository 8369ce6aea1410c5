namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// Address of an actor (or of an ask's reply slot): <see cref="Tell"/> never blocks and never throws for a stopped
/// recipient — the message goes to the system's dead letters instead. Two refs are equal when path and incarnation are:
/// an actor restarted by its supervisor keeps its ref; an actor spawned again under the same name gets a new incarnation.
/// Unlike Akka there is no implicit sender: inside an actor pass <c>Self</c> explicitly, e.g. <c>Sender.Tell(reply, Self)</c>.
/// </summary>
public sealed class ActorRef : IEquatable<ActorRef>
{
    internal ActorRef(string path, long incarnation, ActorSystem? system, IMessageTarget? target)
    {
        Path = path;
        Incarnation = incarnation;
        System = system;
        Target = target;
    }

    /// <summary>The sender of messages told without one; replies to it are discarded.</summary>
    public static ActorRef NoSender { get; } = new("/noSender", 0, null, null);

    /// <summary>Slash-separated path, e.g. <c>/user/coordinator/shard-1</c>.</summary>
    public string Path { get; }

    /// <summary>Last path segment.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Distinguishes successive actors spawned under the same path.</summary>
    public long Incarnation { get; }

    internal ActorSystem? System { get; }

    internal IMessageTarget? Target { get; }

    /// <summary>Enqueues <paramref name="message"/>; the recipient sees <paramref name="sender"/> (default <see cref="NoSender"/>) as its Sender.</summary>
    public void Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Target?.Post(new Envelope(message, sender ?? NoSender));
    }

    /// <summary>
    /// Tells <paramref name="message"/> with a temporary reply ref as sender and completes with the first reply of type
    /// <typeparamref name="TResponse"/>; other replies go to dead letters. Throws <see cref="AskTimeoutException"/> when no
    /// such reply arrives within <paramref name="timeout"/> on the system's clock, and
    /// <see cref="AskRecipientGoneException"/> at once if the message goes to dead letters (the recipient has stopped).
    /// </summary>
    public Task<TResponse> Ask<TResponse>(object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (System is null)
        {
            throw new InvalidOperationException($"{Path} cannot be asked: it is not an actor");
        }

        return AskReply<TResponse>.Start(System, this, message, timeout, cancellationToken);
    }

    public bool Equals(ActorRef? other) =>
        other is not null && Incarnation == other.Incarnation && string.Equals(Path, other.Path, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorRef);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Path), Incarnation);

    public override string ToString() => $"{Path}#{Incarnation}";

    public static bool operator ==(ActorRef? left, ActorRef? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ActorRef? left, ActorRef? right) => !(left == right);
}

/// <summary>What an <see cref="ActorRef"/> delivers to: an actor's cell, an ask's reply slot, or the dead-letter sink.</summary>
internal interface IMessageTarget
{
    void Post(Envelope envelope);
}
