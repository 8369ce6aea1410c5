using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// Home of a tree of actors (Akka's <c>ActorSystem</c>, in-process only). Top-level actors live under <c>/user</c> and
/// are supervised with <see cref="GuardianStrategy"/>; every timer, ask timeout and restart backoff runs on
/// <see cref="TimeProvider"/>, so tests can drive time. Undeliverable messages are counted in <see cref="DeadLetterCount"/>,
/// logged at debug and raised as <see cref="DeadLetterPublished"/>. Disposing stops every actor, children before parents,
/// and waits for their PostStop.
/// </summary>
/// <example>
/// <code>
/// await using var system = new ActorSystem("coordinator", loggerFactory, TimeProvider.System);
/// var shard = system.Spawn(() => new ChainActor(store), "shard-1");
/// var status = await shard.Ask&lt;ChainStatus&gt;(new GetStatus(), TimeSpan.FromSeconds(5));
/// </code>
/// </example>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ChildRegistry guardian = new("/user");
    private readonly ActorRef guardianRef;
    private readonly Lock gate = new();
    private Task? stopped;
    private long incarnations;
    private long deadLetterCount;

    public ActorSystem(string name, ILoggerFactory loggerFactory, TimeProvider timeProvider, SupervisorStrategy? guardianStrategy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        GuardianStrategy = guardianStrategy ?? SupervisorStrategy.Default;
        KernelLogger = loggerFactory.CreateLogger<ActorSystem>();
        guardianRef = new ActorRef("/user", 0, this, new DeadLetterSink(this));
    }

    /// <summary>Raised on the sending thread for every dead letter; handlers must be quick.</summary>
    public event EventHandler<DeadLetter>? DeadLetterPublished;

    public string Name { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Supervises top-level actors.</summary>
    public SupervisorStrategy GuardianStrategy { get; }

    /// <summary>Messages told to stopped actors or completed asks so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref deadLetterCount);

    internal ILogger KernelLogger { get; }

    /// <summary>Spawns a top-level actor at <c>/user/{name}</c>; a null name generates one.</summary>
    public ActorRef Spawn(Props props, string? name = null) => SpawnCell(props, name, parent: null);

    public ActorRef Spawn<TActor>(Func<TActor> factory, string? name = null)
        where TActor : Actor => Spawn(Props.Create(factory), name);

    /// <summary>Stops <paramref name="actor"/> after its current message; watch it to learn when it is gone.</summary>
    public void Stop(ActorRef actor) => ActorCell.Of(actor).RequestStop();

    /// <summary>Stops every actor (children before parents, each after its current message) and waits for all PostStops. Idempotent.</summary>
    public Task StopAsync()
    {
        lock (gate)
        {
            return stopped ??= Task.WhenAll(guardian.Close().Select(actor => actor.StopAsync()));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public override string ToString() => $"ActorSystem({Name})";

    internal long NextIncarnation() => Interlocked.Increment(ref incarnations);

    internal ActorRef SpawnCell(Props props, string? name, ActorCell? parent)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ChildRegistry.Validate(name);
        }

        var incarnation = NextIncarnation();
        var parentRef = parent?.Self ?? guardianRef;
        var path = $"{parentRef.Path}/{name ?? string.Create(CultureInfo.InvariantCulture, $"${incarnation}")}";
        var registry = parent?.Children ?? guardian;
        var strategy = parent?.ChildStrategy ?? GuardianStrategy;
        var cell = new ActorCell(this, props, path, incarnation, parentRef, parent, registry, strategy);
        registry.Add(cell);
        cell.Start();
        return cell.Self;
    }

    internal void PublishDeadLetter(Envelope envelope, ActorRef recipient)
    {
        if (envelope.Message is TimerFired or DeathWatchNotification)
        {
            return;
        }

        Interlocked.Increment(ref deadLetterCount);
        KernelLog.DeadLetter(KernelLogger, envelope.Message.GetType().Name, envelope.Sender.Path, recipient.Path);
        if (envelope.Sender.Target is IAskReply ask && !ReferenceEquals(envelope.Sender, recipient))
        {
            ask.RecipientGone(recipient.Path, envelope.Message.GetType());
        }

        try
        {
            DeadLetterPublished?.Invoke(this, new DeadLetter(envelope.Message, envelope.Sender, recipient));
        }
        catch (Exception ex)
        {
            KernelLog.DeadLetterSubscriberFailed(KernelLogger, ex);
        }
    }

    /// <summary>Target of the <c>/user</c> guardian's ref: whatever it is told is a dead letter.</summary>
    private sealed class DeadLetterSink(ActorSystem system) : IMessageTarget
    {
        public void Post(Envelope envelope) => system.PublishDeadLetter(envelope, system.guardianRef);
    }
}
