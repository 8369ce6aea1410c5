namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// Base of every actor, shaped like Akka's <c>ReceiveActor</c>: register typed handlers with <c>Receive&lt;T&gt;</c> in the
/// constructor; the kernel feeds them one message at a time from the actor's mailbox, awaiting async handlers to
/// completion before the next message. A message no handler takes goes to <see cref="Unhandled"/>. A handler that throws
/// is reported to the parent's <see cref="SupervisorStrategy"/>.
/// <para>
/// <see cref="Context"/>, <see cref="Self"/> and <see cref="Sender"/> are available from <see cref="PreStartAsync"/> on
/// (not in the constructor). Lifecycle: constructor, PreStart, messages..., PostStop; on restart the old instance gets
/// PreRestart (default: unwatch and stop children, PostStop) and a fresh instance from the same <see cref="Props"/> gets PostRestart
/// (default: PreStart).
/// </para>
/// </summary>
public abstract class Actor
{
    private readonly List<Handler> handlers = [];
    private ActorContext? context;

    protected ActorContext Context => context
        ?? throw new InvalidOperationException($"{GetType().Name}: Context, Self and Sender are available from PreStartAsync on, not in the constructor");

    protected ActorRef Self => Context.Self;

    /// <summary>Sender of the message being processed, or <see cref="ActorRef.NoSender"/>.</summary>
    protected ActorRef Sender => Context.Sender;

    /// <summary>How this actor supervises the children it spawns; read when each child is spawned.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    internal SupervisorStrategy ChildStrategy => SupervisorStrategy;

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>, if given). The first matching registration wins.</summary>
    protected void Receive<T>(Action<T> handler, Func<T, bool>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Receive<T>(
            message =>
            {
                handler(message);
                return Task.CompletedTask;
            },
            shouldHandle);
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> asynchronously; the next message waits until the returned task completes.</summary>
    protected void Receive<T>(Func<T, Task> handler, Func<T, bool>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add(new Handler(
            message => message is T typed && (shouldHandle is null || shouldHandle(typed)),
            message => handler((T)message)));
    }

    /// <summary>Replaces every handler with those <paramref name="configure"/> registers (Akka's <c>Become</c>); takes effect from the next message.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        handlers.Clear();
        configure();
    }

    protected virtual Task PreStartAsync() => Task.CompletedTask;

    protected virtual Task PostStopAsync() => Task.CompletedTask;

    /// <summary>Called on the failed instance before it is replaced; <paramref name="message"/> is the one whose handling failed.</summary>
    protected virtual async Task PreRestartAsync(Exception reason, object message)
    {
        await Context.StopChildrenAsync().ConfigureAwait(false);
        await PostStopAsync().ConfigureAwait(false);
    }

    /// <summary>Called on the fresh instance after a restart, instead of a direct PreStart.</summary>
    protected virtual Task PostRestartAsync(Exception reason) => PreStartAsync();

    /// <summary>A message no handler accepted: logged as a warning and dropped.</summary>
    protected virtual void Unhandled(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        KernelLog.Unhandled(Context.Log, Self.Path, message.GetType().Name);
    }

    internal void Bind(ActorContext actorContext)
    {
        if (context is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} instance is already in use: a Props factory must create a new instance on every call");
        }

        context = actorContext;
    }

    internal Task DispatchAsync(object message)
    {
        foreach (var handler in handlers)
        {
            if (handler.Accepts(message))
            {
                return handler.Invoke(message);
            }
        }

        Unhandled(message);
        return Task.CompletedTask;
    }

    internal Task InvokePreStartAsync() => PreStartAsync();

    internal Task InvokePostStopAsync() => PostStopAsync();

    internal Task InvokePreRestartAsync(Exception reason, object message) => PreRestartAsync(reason, message);

    internal Task InvokePostRestartAsync(Exception reason) => PostRestartAsync(reason);

    private sealed record Handler(Func<object, bool> Accepts, Func<object, Task> Invoke);
}
