using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Actors;

public sealed class AskTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public async Task Ask_completes_with_the_first_reply_of_the_requested_type()
    {
        await using var system = new ActorSystem("ask", NullLoggerFactory.Instance, clock);
        var doubler = system.Spawn(() => new Doubler(), "doubler");

        var answer = await doubler.Ask<int>(new Question(21), Timeout).WaitAsync(TestProbe.DefaultTimeout);

        Assert.Equal(42, answer);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Ask_without_a_reply_throws_a_timeout_naming_target_and_message_once_the_clock_reaches_it()
    {
        await using var system = new ActorSystem("ask", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system, "silent");

        var pending = probe.Ref.Ask<int>(new Question(1), Timeout);
        await probe.ExpectMsgAsync<Question>();
        clock.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => pending);
        Assert.Equal("/user/silent", timeout.TargetPath);
        Assert.Equal(typeof(Question), timeout.MessageType);
        Assert.Contains("/user/silent", timeout.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Question), timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_after_the_timeout_goes_to_dead_letters()
    {
        await using var system = new ActorSystem("ask", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        var letters = new List<DeadLetter>();
        system.DeadLetterPublished += (_, letter) => letters.Add(letter);

        var pending = probe.Ref.Ask<int>(new Question(1), Timeout);
        await probe.ExpectMsgAsync<Question>();
        clock.Advance(Timeout);
        await Assert.ThrowsAsync<AskTimeoutException>(() => pending);
        probe.Reply(7);

        var letter = Assert.Single(letters);
        Assert.Equal(7, letter.Message);
        Assert.Equal(probe.Ref, letter.Sender);
        Assert.StartsWith("/temp/ask-", letter.Recipient.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_is_cancelled_by_its_token()
    {
        await using var system = new ActorSystem("ask", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        using var cancellation = new CancellationTokenSource();

        var pending = probe.Ref.Ask<int>(new Question(1), Timeout, cancellation.Token);
        await probe.ExpectMsgAsync<Question>();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Ask_fails_at_once_when_the_recipient_has_stopped_or_stops_before_processing_it()
    {
        await using var system = new ActorSystem("ask", NullLoggerFactory.Instance, clock);
        var probe = new TestProbe(system);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = system.Spawn(() => new Gated(gate.Task, probe.Ref), "busy");
        busy.Tell(new Question(0));
        await probe.ExpectMsgAsync<string>();

        var queued = busy.Ask<int>(new Question(1), Timeout);
        system.Stop(busy);
        gate.SetResult();
        var late = await Assert.ThrowsAsync<AskRecipientGoneException>(() => queued.WaitAsync(TestProbe.DefaultTimeout));
        var afterStop = await Assert.ThrowsAsync<AskRecipientGoneException>(() => busy.Ask<int>(new Question(2), Timeout).WaitAsync(TestProbe.DefaultTimeout));

        Assert.Equal("/user/busy", late.TargetPath);
        Assert.Contains(nameof(Question), afterStop.Message, StringComparison.Ordinal);
        Assert.Equal(2, system.DeadLetterCount);
    }

    private sealed record Question(int Value);

    /// <summary>Tells the observer it is busy, then holds its first message until the gate opens.</summary>
    private sealed class Gated : Actor
    {
        public Gated(Task gate, ActorRef observer)
        {
            Receive<Question>(async _ =>
            {
                observer.Tell("busy", Self);
                await gate;
            });
        }
    }

    /// <summary>Replies to a question first with noise of the wrong type, then (after an await) with the doubled value.</summary>
    private sealed class Doubler : Actor
    {
        public Doubler()
        {
            Receive<Question>(async question =>
            {
                Sender.Tell("noise", Self);
                await Task.Yield();
                Sender.Tell(question.Value * 2, Self);
            });
        }
    }
}
