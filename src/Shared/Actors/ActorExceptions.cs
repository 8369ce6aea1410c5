namespace ClickVault.Cluster.Shared.Actors;

/// <summary>An <see cref="ActorRef.Ask{TResponse}"/> got no reply of the expected type in time.</summary>
public sealed class AskTimeoutException(string targetPath, Type messageType, Type responseType, TimeSpan timeout)
    : TimeoutException($"ask of {targetPath} with {messageType.Name} got no {responseType.Name} reply within {timeout}")
{
    /// <summary>Path of the actor that was asked.</summary>
    public string TargetPath { get; } = targetPath;

    public Type MessageType { get; } = messageType;

    public Type ResponseType { get; } = responseType;

    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>An actor name is malformed, or already taken by a live sibling.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);

/// <summary>An ask whose message could not be delivered: the recipient had stopped (or stopped before processing it).</summary>
public sealed class AskRecipientGoneException(string targetPath, Type messageType)
    : InvalidOperationException($"ask with {messageType.Name} was not delivered: {targetPath} has stopped")
{
    public string TargetPath { get; } = targetPath;
}
