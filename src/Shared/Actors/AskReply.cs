namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// The temporary recipient behind one <see cref="ActorRef.Ask{TResponse}"/>: completes with the first
/// <typeparamref name="TResponse"/> it is sent, fails on timeout (system clock) or cancellation, then routes anything
/// else it receives to dead letters.
/// </summary>
internal sealed class AskReply<TResponse> : IMessageTarget, IAskReply
{
    private readonly TaskCompletionSource<TResponse> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem system;
    private readonly ActorRef self;
    private readonly AskTimeoutException timeoutError;
    private ITimer? timer;
    private CancellationTokenRegistration cancellation;

    private AskReply(ActorSystem system, AskTimeoutException timeoutError)
    {
        this.system = system;
        this.timeoutError = timeoutError;
        var incarnation = system.NextIncarnation();
        self = new ActorRef($"/temp/ask-{incarnation}", incarnation, system, this);
    }

    public static Task<TResponse> Start(ActorSystem system, ActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResponse>(cancellationToken);
        }

        var reply = new AskReply<TResponse>(system, new AskTimeoutException(target.Path, message.GetType(), typeof(TResponse), timeout));
        reply.timer = system.TimeProvider.CreateTimer(
            static state => ((AskReply<TResponse>)state!).completion.TrySetException(((AskReply<TResponse>)state).timeoutError),
            reply,
            timeout,
            Timeout.InfiniteTimeSpan);
        reply.cancellation = cancellationToken.Register(
            static (state, token) => ((AskReply<TResponse>)state!).completion.TrySetCanceled(token),
            reply);
        _ = reply.completion.Task.ContinueWith(
            static (_, state) => ((AskReply<TResponse>)state!).Release(),
            reply,
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        target.Tell(message, reply.self);
        return reply.completion.Task;
    }

    public void Post(Envelope envelope)
    {
        if (envelope.Message is not TResponse response || !completion.TrySetResult(response))
        {
            system.PublishDeadLetter(envelope, self);
        }
    }

    /// <summary>The asked message went to dead letters: fail the ask now instead of waiting for its timeout.</summary>
    public void RecipientGone(string recipientPath, Type messageType) =>
        completion.TrySetException(new AskRecipientGoneException(recipientPath, messageType));

    private void Release()
    {
        timer?.Dispose();
        cancellation.Dispose();
    }
}

/// <summary>An ask's reply slot, told when its message could not be delivered.</summary>
internal interface IAskReply
{
    void RecipientGone(string recipientPath, Type messageType);
}
