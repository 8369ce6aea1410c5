using System.Globalization;
using System.Threading.Channels;
using ClickVault.Cluster.Shared.Actors;
using Xunit;

namespace ClickVault.Cluster.Testing.Actors;

/// <summary>
/// Akka-style test probe: an actor (<see cref="Ref"/>) that records every message it is sent, so a test can hand it out
/// as a sender, reply target or watcher and then await what arrives. Expectations consume messages in arrival order,
/// wait without polling, and fail with a description of what was received instead. Timeouts are real time (independent
/// of the system's clock, so a manual clock cannot stall them); keep them short in negative checks.
/// </summary>
public sealed class TestProbe
{
    /// <summary>Default wait of the Expect methods.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private const int DescribedMessages = 10;
    private readonly Channel<Received> inbox = Channel.CreateUnbounded<Received>();
    private readonly List<Received> consumed = [];

    public TestProbe(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Ref = system.Spawn(() => new ProbeActor(inbox.Writer), name);
    }

    /// <summary>The probe's own ref: tell it, ask through it, use it as a sender.</summary>
    public ActorRef Ref { get; }

    /// <summary>Sender of the message most recently consumed by an Expect/Fish call.</summary>
    public ActorRef LastSender { get; private set; } = ActorRef.NoSender;

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(ActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Tells <paramref name="message"/> to <see cref="LastSender"/> (e.g. completes an Ask made to the probe).</summary>
    public void Reply(object message)
    {
        if (LastSender == ActorRef.NoSender)
        {
            Assert.Fail($"probe {Ref.Path} cannot reply: the last consumed message had no sender (or none was consumed yet)");
        }

        LastSender.Tell(message, Ref);
    }

    /// <summary>The probe receives <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    public void Watch(ActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Ref.Tell(new WatchCommand(subject));
    }

    /// <summary>Consumes the next message; fails unless it is a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, Func<T, bool>? predicate = null) =>
        ExpectAsync(timeout, predicate, predicate is null ? $"a {typeof(T).Name}" : $"a {typeof(T).Name} matching the predicate");

    /// <summary>Consumes the next message; fails unless it equals <paramref name="expected"/>.</summary>
    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull => ExpectAsync<T>(timeout, message => EqualityComparer<T>.Default.Equals(message, expected), $"{expected}");

    /// <summary>Consumes the next message; fails unless it is the <see cref="Terminated"/> of <paramref name="actor"/>.</summary>
    public Task<Terminated> ExpectTerminatedAsync(ActorRef actor, TimeSpan? timeout = null) =>
        ExpectAsync<Terminated>(timeout, terminated => terminated.Actor == actor, $"Terminated of {actor}");

    /// <summary>Waits <paramref name="duration"/> (real time) and fails if any message arrives meanwhile.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        var next = await ReceiveAsync(duration).ConfigureAwait(false);
        if (next is not null)
        {
            Assert.Fail($"probe {Ref.Path} expected no message for {duration} but received {next}.{Queued()}");
        }
    }

    /// <summary>Consumes messages until one is a <typeparamref name="T"/> matching <paramref name="predicate"/>; the skipped ones are discarded.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var wait = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + wait;
        var skipped = new List<Received>();
        while (await ReceiveAsync(deadline - DateTimeOffset.UtcNow).ConfigureAwait(false) is { } next)
        {
            if (next.Message is T typed && predicate(typed))
            {
                return typed;
            }

            skipped.Add(next);
        }

        Assert.Fail($"probe {Ref.Path} fished {wait} for a {typeof(T).Name} matching the predicate; skipped {Describe(skipped)}");
        throw new InvalidOperationException("unreachable");
    }

    private async Task<T> ExpectAsync<T>(TimeSpan? timeout, Func<T, bool>? predicate, string what)
    {
        var wait = timeout ?? DefaultTimeout;
        var history = History();
        var next = await ReceiveAsync(wait).ConfigureAwait(false);
        if (next is null)
        {
            Assert.Fail($"probe {Ref.Path} waited {wait} for {what} but received nothing.{history}");
        }

        if (next.Message is T typed && (predicate is null || predicate(typed)))
        {
            return typed;
        }

        Assert.Fail($"probe {Ref.Path} expected {what} but received {next}.{Queued()}{history}");
        throw new InvalidOperationException("unreachable");
    }

    private async Task<Received?> ReceiveAsync(TimeSpan timeout)
    {
        if (inbox.Reader.TryRead(out var ready))
        {
            return Consume(ready);
        }

        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await inbox.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
            {
                if (inbox.Reader.TryRead(out var next))
                {
                    return Consume(next);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Timed out: the caller reports what was (not) received.
        }

        return null;
    }

    private Received Consume(Received received)
    {
        consumed.Add(received);
        LastSender = received.Sender;
        return received;
    }

    private string Queued()
    {
        var queued = new List<Received>();
        while (inbox.Reader.TryRead(out var next))
        {
            queued.Add(next);
        }

        return queued.Count == 0 ? "" : $" Still queued after it: {Describe(queued)}.";
    }

    private string History() =>
        consumed.Count == 0 ? " No message was received before." : $" Received before (oldest first): {Describe(consumed.TakeLast(DescribedMessages).ToList())}.";

    private static string Describe(IReadOnlyCollection<Received> messages) =>
        messages.Count == 0 ? "nothing" : string.Join("; ", messages.Select(m => m.ToString()));

    private sealed record Received(object Message, ActorRef Sender)
    {
        public override string ToString()
        {
            var type = Message.GetType().Name;
            var text = Convert.ToString(Message, CultureInfo.InvariantCulture) ?? "";
            return text.StartsWith(type, StringComparison.Ordinal)
                ? $"{text} from {Sender.Path}"
                : $"{type} '{text}' from {Sender.Path}";
        }
    }

    private sealed record WatchCommand(ActorRef Subject);

    private sealed class ProbeActor : Actor
    {
        public ProbeActor(ChannelWriter<Received> inbox)
        {
            Receive<WatchCommand>(command => Context.Watch(command.Subject));
            Receive<object>(message => inbox.TryWrite(new Received(message, Sender)));
        }
    }
}
