using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// The runtime of one actor: its mailbox (an unbounded channel), the single loop that feeds messages to the current
/// instance one at a time, supervision of its own failures with the strategy its parent gave it, death watch, and the
/// stop sequence (children first, then PostStop, then leftover mail to dead letters, then <see cref="Terminated"/> to watchers).
/// Everything not marked thread-safe is touched only by the loop.
/// </summary>
internal sealed class ActorCell : IMessageTarget
{
    private readonly Channel<Envelope> mailbox = Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private readonly HashSet<ActorRef> watchers = [];
    private readonly HashSet<ActorRef> watching = [];
    private readonly Queue<DateTimeOffset> restarts = new();
    private readonly Props props;
    private readonly ActorCell? parent;
    private readonly ChildRegistry siblings;
    private readonly SupervisorStrategy supervisor;
    private readonly ILogger log;
    private Actor? instance;
    private bool isTerminated;

    public ActorCell(ActorSystem system, Props props, string path, long incarnation, ActorRef parentRef, ActorCell? parent, ChildRegistry siblings, SupervisorStrategy supervisor)
    {
        System = system;
        this.props = props;
        this.parent = parent;
        this.siblings = siblings;
        this.supervisor = supervisor;
        log = system.KernelLogger;
        Parent = parentRef;
        Self = new ActorRef(path, incarnation, system, this);
        Children = new ChildRegistry(path);
        Context = new ActorContext(this, system.LoggerFactory.CreateLogger(props.ActorType));
    }

    public ActorSystem System { get; }

    public ActorRef Self { get; }

    public ActorRef Parent { get; }

    public ChildRegistry Children { get; }

    public ActorContext Context { get; }

    public ActorRef CurrentSender { get; private set; } = ActorRef.NoSender;

    /// <summary>The strategy this actor's instance sets for children spawned now.</summary>
    public SupervisorStrategy ChildStrategy => instance?.ChildStrategy ?? SupervisorStrategy.Default;

    /// <summary>Completes once the actor has fully stopped. Thread-safe.</summary>
    public Task Completion => terminated.Task;

    public static ActorCell Of(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Target as ActorCell ?? throw new ArgumentException($"{actor.Path} is not an actor", nameof(actor));
    }

    /// <summary>Starts the loop without the spawner's ExecutionContext (its AsyncLocals, activity, log scopes).</summary>
    public void Start()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Enqueues, or sends to dead letters once the actor has stopped. Thread-safe.</summary>
    public void Post(Envelope envelope)
    {
        if (!mailbox.Writer.TryWrite(envelope))
        {
            System.PublishDeadLetter(envelope, Self);
        }
    }

    /// <summary>Makes the loop stop after the message in progress. Thread-safe, idempotent.</summary>
    public void RequestStop() => _ = stopping.CancelAsync();

    public Task StopAsync()
    {
        RequestStop();
        return Completion;
    }

    public void Watch(ActorCell subject)
    {
        if (watching.Add(subject.Self) && !subject.TryAddWatcher(Self))
        {
            Post(new Envelope(new DeathWatchNotification(subject.Self), subject.Self));
        }
    }

    public void Unwatch(ActorCell subject)
    {
        watching.Remove(subject.Self);
        subject.RemoveWatcher(Self);
    }

    private bool TryAddWatcher(ActorRef watcher)
    {
        lock (gate)
        {
            if (isTerminated)
            {
                return false;
            }

            watchers.Add(watcher);
            return true;
        }
    }

    private void RemoveWatcher(ActorRef watcher)
    {
        lock (gate)
        {
            watchers.Remove(watcher);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            if (await TryCreateInstanceAsync(restartReason: null).ConfigureAwait(false))
            {
                await ProcessMailboxAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await TerminateAsync().ConfigureAwait(false);
        }
    }

    private async Task ProcessMailboxAsync()
    {
        var reader = mailbox.Reader;
        var token = stopping.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && reader.TryRead(out var envelope))
                {
                    await ProcessAsync(envelope).ConfigureAwait(false);
                }

                token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stop requested: the rest of the mailbox goes to dead letters in TerminateAsync.
        }
    }

    private async Task ProcessAsync(Envelope envelope)
    {
        object message;
        switch (envelope.Message)
        {
            case PoisonPill:
                RequestStop();
                return;
            case TimerFired fired:
                if (!Context.Timers.TryTake(fired, out var timed))
                {
                    return;
                }

                message = timed;
                break;
            case DeathWatchNotification notification:
                if (!watching.Remove(notification.Actor))
                {
                    return;
                }

                message = new Terminated(notification.Actor);
                break;
            case Escalated escalated:
                // The child's failure is now this actor's: no separate Terminated for it.
                Unwatch(Of(escalated.Child));
                await HandleFailureAsync(escalated.Reason, escalated).ConfigureAwait(false);
                return;
            default:
                message = envelope.Message;
                break;
        }

        CurrentSender = envelope.Sender;
        try
        {
            await instance!.DispatchAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(ex, message).ConfigureAwait(false);
        }
        finally
        {
            CurrentSender = ActorRef.NoSender;
        }
    }

    private async Task HandleFailureAsync(Exception reason, object message)
    {
        Directive directive;
        try
        {
            directive = supervisor.Decider(reason);
        }
        catch (Exception deciderError)
        {
            KernelLog.DeciderFailed(log, Self.Path, deciderError);
            directive = Directive.Stop;
        }

        KernelLog.Failed(log, Self.Path, message.GetType().Name, directive, reason);
        switch (directive)
        {
            case Directive.Resume:
                return;
            case Directive.Restart:
                await RestartAsync(reason, message).ConfigureAwait(false);
                return;
            case Directive.Escalate when parent is not null:
                parent.Post(new Envelope(new Escalated(Self, reason), Self));
                RequestStop();
                return;
            case Directive.Escalate:
                KernelLog.EscalatedAtTop(log, Self.Path);
                RequestStop();
                return;
            default:
                RequestStop();
                return;
        }
    }

    private async Task RestartAsync(Exception reason, object message)
    {
        var now = System.TimeProvider.GetUtcNow();
        while (restarts.TryPeek(out var oldest) && now - oldest >= supervisor.Window)
        {
            restarts.Dequeue();
        }

        if (restarts.Count >= supervisor.MaxRestarts)
        {
            KernelLog.TooManyRestarts(log, Self.Path, restarts.Count, supervisor.Window);
            RequestStop();
            return;
        }

        restarts.Enqueue(now);
        var delay = supervisor.Backoff.DelayBefore(restarts.Count);
        Context.Timers.CancelAll();
        var failed = instance!;
        instance = null;
        await RunHookAsync("PreRestart", () => failed.InvokePreRestartAsync(reason, message)).ConfigureAwait(false);
        KernelLog.Restarting(log, Self.Path, delay, restarts.Count, supervisor.MaxRestarts, supervisor.Window);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, System.TimeProvider, stopping.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
            if (stopping.IsCancellationRequested)
            {
                return;
            }
        }

        await TryCreateInstanceAsync(reason).ConfigureAwait(false);
    }

    /// <summary>Creates and starts an instance (PreStart, or PostRestart after a failure); if that fails the actor stops, without PostStop.</summary>
    private async Task<bool> TryCreateInstanceAsync(Exception? restartReason)
    {
        try
        {
            var created = props.NewActor();
            created.Bind(Context);
            instance = created;
            await (restartReason is null ? created.InvokePreStartAsync() : created.InvokePostRestartAsync(restartReason)).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            KernelLog.StartFailed(log, Self.Path, props.ActorType.Name, ex);
            instance = null;
            RequestStop();
            return false;
        }
    }

    private async Task TerminateAsync()
    {
        RequestStop();
        Context.Timers.CancelAll();
        await Task.WhenAll(Children.Close().Select(child => child.StopAsync())).ConfigureAwait(false);
        if (instance is { } last)
        {
            instance = null;
            await RunHookAsync("PostStop", last.InvokePostStopAsync).ConfigureAwait(false);
        }

        Context.Timers.CancelAll();
        mailbox.Writer.TryComplete();
        while (mailbox.Reader.TryRead(out var leftover))
        {
            System.PublishDeadLetter(leftover, Self);
        }

        foreach (var subject in watching)
        {
            (subject.Target as ActorCell)?.RemoveWatcher(Self);
        }

        watching.Clear();
        siblings.Remove(this);
        ActorRef[] notify;
        lock (gate)
        {
            isTerminated = true;
            notify = [.. watchers];
            watchers.Clear();
        }

        foreach (var watcher in notify)
        {
            watcher.Target?.Post(new Envelope(new DeathWatchNotification(Self), Self));
        }

        terminated.TrySetResult();
    }

    private async Task RunHookAsync(string hook, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            KernelLog.HookFailed(log, Self.Path, hook, ex);
        }
    }
}
