using ClickVault.Cluster.Shared.Actors;
using ClickVault.Cluster.Testing.Actors;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Sdk;

namespace ClickVault.Cluster.Shared.Tests.Actors;

public sealed class TestProbeTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private readonly ActorSystem system = new("probe", NullLoggerFactory.Instance, TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopAsync();

    [Fact]
    public async Task ExpectMsg_of_the_wrong_type_fails_naming_what_arrived_and_what_came_before()
    {
        var probe = new TestProbe(system, "probe");
        probe.Ref.Tell("surprise");
        probe.Ref.Tell(new Stopped(3));
        await probe.ExpectMsgAsync<string>();
        await probe.ExpectMsgAsync<Stopped>();
        probe.Ref.Tell("again");

        var failure = await Assert.ThrowsAsync<FailException>(() => probe.ExpectMsgAsync<int>(TimeSpan.FromSeconds(1)));

        Assert.Contains("/user/probe expected a Int32 but received String 'again'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Received before (oldest first): String 'surprise' from /noSender; Stopped { Instance = 3 }", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsg_with_a_failing_predicate_or_an_unequal_message_fails()
    {
        var probe = new TestProbe(system);
        probe.Ref.Tell(new Started(2));
        var predicateFailure = await Assert.ThrowsAsync<FailException>(() => probe.ExpectMsgAsync<Started>(predicate: s => s.Instance == 1));
        probe.Ref.Tell(new Started(3));
        var equalityFailure = await Assert.ThrowsAsync<FailException>(() => probe.ExpectMsgAsync(new Started(1)));

        Assert.Contains("expected a Started matching the predicate but received Started { Instance = 2 }", predicateFailure.Message, StringComparison.Ordinal);
        Assert.Contains("expected Started { Instance = 1 } but received Started { Instance = 3 }", equalityFailure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsg_times_out_listing_the_earlier_messages()
    {
        var probe = new TestProbe(system);
        probe.Ref.Tell(new Started(1));
        await probe.ExpectMsgAsync<Started>();

        var failure = await Assert.ThrowsAsync<FailException>(() => probe.ExpectMsgAsync<Stopped>(Short));

        Assert.Contains("received nothing", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Started { Instance = 1 }", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectNoMsg_fails_when_a_message_arrives()
    {
        var probe = new TestProbe(system);
        probe.Ref.Tell(new Ping());

        var failure = await Assert.ThrowsAsync<FailException>(() => probe.ExpectNoMsgAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains("Ping", failure.Message, StringComparison.Ordinal);
        await probe.ExpectNoMsgAsync(Short);
    }

    [Fact]
    public async Task FishForMessage_skips_until_a_match_and_fails_listing_the_skipped()
    {
        var probe = new TestProbe(system);
        foreach (var message in new object[] { 1, "two", 3, 4 })
        {
            probe.Ref.Tell(message);
        }

        Assert.Equal(3, await probe.FishForMessageAsync<int>(i => i > 1));
        Assert.Equal(4, await probe.ExpectMsgAsync<int>());
        probe.Ref.Tell("five");

        // Real time: long enough for "five" to reach the probe even on a loaded machine.
        var failure = await Assert.ThrowsAsync<FailException>(() => probe.FishForMessageAsync<int>(_ => true, TimeSpan.FromMilliseconds(500)));
        Assert.Contains("five", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_answers_the_last_sender_so_an_ask_to_the_probe_completes()
    {
        var probe = new TestProbe(system);

        var answer = probe.Ref.Ask<int>("question", TimeSpan.FromSeconds(5));
        Assert.Equal("question", await probe.ExpectMsgAsync<string>());
        probe.Reply(7);

        Assert.Equal(7, await answer);
    }

    [Fact]
    public async Task Watch_delivers_Terminated_even_for_an_actor_that_already_stopped()
    {
        var probe = new TestProbe(system);
        var other = new TestProbe(system);
        probe.Watch(other.Ref);
        system.Stop(other.Ref);
        await probe.ExpectTerminatedAsync(other.Ref);

        probe.Watch(other.Ref);

        await probe.ExpectTerminatedAsync(other.Ref);
    }
}
