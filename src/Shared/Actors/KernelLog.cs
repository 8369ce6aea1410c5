using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Shared.Actors;

/// <summary>Source-generated log events of the actor kernel.</summary>
internal static partial class KernelLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Actor {Path} has no handler for {MessageType}; message dropped")]
    public static partial void Unhandled(ILogger logger, string path, string messageType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead letter: {MessageType} from {Sender} to {Recipient}")]
    public static partial void DeadLetter(ILogger logger, string messageType, string sender, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dead-letter subscriber failed")]
    public static partial void DeadLetterSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Actor {Path} failed handling {MessageType}; supervisor directive: {Directive}")]
    public static partial void Failed(ILogger logger, string path, string messageType, Directive directive, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The supervisor decider of {Path} threw; stopping the actor")]
    public static partial void DeciderFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarting {Path} in {Delay} (restart {Restart} of at most {MaxRestarts} within {Window})")]
    public static partial void Restarting(ILogger logger, string path, TimeSpan delay, int restart, int maxRestarts, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Error, Message = "Actor {Path} was already restarted {Restarts} times within {Window}; stopping it")]
    public static partial void TooManyRestarts(ILogger logger, string path, int restarts, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Error, Message = "Top-level actor {Path} escalated a failure; stopping it")]
    public static partial void EscalatedAtTop(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Actor {Path} ({ActorType}) could not be created or started; stopping it")]
    public static partial void StartFailed(ILogger logger, string path, string actorType, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hook} of actor {Path} threw")]
    public static partial void HookFailed(ILogger logger, string path, string hook, Exception exception);
}
