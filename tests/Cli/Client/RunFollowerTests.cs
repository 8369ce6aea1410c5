using System.Net;
using System.Text;
using System.Text.Json;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Tests.Stub;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Testing.Time;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Client;

/// <summary>
/// Stream breaks at exact points, which a real socket cannot produce deterministically: the HTTP layer is a scripted
/// handler whose event stream throws <see cref="IOException"/> after the bytes it was given.
/// </summary>
public sealed class RunFollowerTests
{
    private static readonly Uri Coordinator = new("http://coordinator.test/");

    [Fact]
    public async Task Follows_events_to_the_end_without_polling()
    {
        var handler = new ScriptedHandler(Sse(Canned.EventsTo(Canned.Succeeded())) + End(Canned.Succeeded()), breaks: false);

        var (updates, warnings) = await FollowAsync(handler);

        Assert.Equal(Canned.EventsTo(Canned.Succeeded()).Count, updates.OfType<RunEventReceived>().Count());
        Assert.Equal(Canned.Succeeded().State, Assert.IsType<RunFinished>(updates[^1]).Run.State);
        Assert.Empty(warnings);
        Assert.Equal(0, handler.Polls);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_stream_falls_back_to_polling()
    {
        var handler = new ScriptedHandler(Sse(Canned.EventsTo(Canned.Partial()).Take(2)), breaks: true, answers: [Canned.Partial()]);

        var (updates, warnings) = await FollowAsync(handler);

        Assert.Equal([1L, 2L], updates.OfType<RunEventReceived>().Select(update => update.Event.Sequence));
        Assert.Equal("partial", Assert.IsType<RunFinished>(updates[^1]).Run.State);
        Assert.Equal(1, handler.Polls);
        Assert.StartsWith("the run's event stream broke: ", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_event_data_is_a_protocol_error_not_a_break()
    {
        var handler = new ScriptedHandler("event: run\ndata: {\"sequence\":\"one\"}\n\n", breaks: false);

        var error = await Assert.ThrowsAsync<CoordinatorProtocolException>(() => FollowAsync(handler));

        Assert.Contains("GET /api/runs/20260101T020000Z/events sent 'event: run' whose data is not a valid RunEvent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_gives_up_after_the_coordinator_stayed_unreachable()
    {
        var time = new TimerTrackingTimeProvider();
        var handler = new ScriptedHandler(string.Empty, breaks: true, answers: [], pollsFail: true);
        var warnings = new List<string>();
        var follower = new RunFollower(new CoordinatorClient(new HttpClient(handler), new(Coordinator, null, TimeSpan.FromSeconds(5))), time, warnings.Add);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var following = Task.Run(async () =>
        {
            await foreach (var update in follower.FollowAsync(Canned.RunId, timeout.Token))
            {
                Assert.Fail($"unexpected update {update}");
            }
        });
        for (var attempt = 1; attempt < RunFollower.MaxConsecutivePollFailures; attempt++)
        {
            await time.WaitForActiveTimersAsync(1, timeout.Token);
            time.Advance(RunFollower.PollInterval);
        }

        await Assert.ThrowsAsync<CoordinatorUnreachableException>(() => following.WaitAsync(timeout.Token));
        Assert.Equal(RunFollower.MaxConsecutivePollFailures, handler.Polls);
        Assert.Equal(RunFollower.MaxConsecutivePollFailures, warnings.Count);
    }

    private static async Task<(List<RunUpdate> Updates, List<string> Warnings)> FollowAsync(ScriptedHandler handler)
    {
        var warnings = new List<string>();
        var client = new CoordinatorClient(new HttpClient(handler), new(Coordinator, new OperatorToken(Canned.Token), TimeSpan.FromSeconds(5)));
        var follower = new RunFollower(client, TimeProvider.System, warnings.Add);
        var updates = new List<RunUpdate>();
        await foreach (var update in follower.FollowAsync(Canned.RunId, CancellationToken.None))
        {
            updates.Add(update);
        }

        return (updates, warnings);
    }

    private static string Sse(IEnumerable<RunEvent> events) =>
        string.Concat(events.Select(e => $"event: run\ndata: {JsonSerializer.Serialize(e, ApiJson.Default.RunEvent)}\n\n"));

    private static string End(RunView run) => $"event: end\ndata: {JsonSerializer.Serialize(run, ApiJson.Default.RunView)}\n\n";

    /// <summary>Answers the events route with <c>stream</c> (then an IOException when <c>breaks</c>) and the run route with <c>answers</c>.</summary>
    private sealed class ScriptedHandler(string stream, bool breaks, IReadOnlyList<RunView>? answers = null, bool pollsFail = false) : HttpMessageHandler
    {
        private int polls;

        public int Polls => Volatile.Read(ref polls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(Coordinator.Host, request.RequestUri!.Host);
            if (request.RequestUri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
            {
                var body = new BreakingStream(Encoding.UTF8.GetBytes(stream), breaks);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
            }

            var index = Interlocked.Increment(ref this.polls) - 1;
            if (pollsFail)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            }

            var run = answers![Math.Min(index, answers.Count - 1)];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(run, ApiJson.Default.RunView), Encoding.UTF8, "application/json"),
            });
        }
    }

    /// <summary>Reads its bytes, then either ends or fails like a reset connection.</summary>
    private sealed class BreakingStream(byte[] content, bool breaks) : MemoryStream(content, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read == 0 && breaks ? throw new IOException("Connection reset by peer") : read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
