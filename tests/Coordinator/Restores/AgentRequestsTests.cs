using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Restores;

public sealed class AgentRequestsTests
{
    private readonly TimerTrackingTimeProvider _time = new();
    private readonly AgentRegistry _registry;
    private readonly AgentRequests _requests;
    private readonly Channel _r1 = new();

    public AgentRequestsTests()
    {
        _registry = new AgentRegistry(Options.Create(new CoordinatorOptions { AgentTimeout = TimeSpan.FromHours(1) }), _time);
        _registry.Register(Identity("r1"), _r1);
        _registry.Register(Identity("r2"), new Channel());
        _requests = new AgentRequests(_registry, _time);
    }

    [Fact]
    public async Task The_reply_of_the_asked_agent_with_the_requests_id_completes_it()
    {
        var asking = _requests.AskAsync<TablesInspected>("1", "r1", id => new InspectTables(id, ["shop"], false), TimeSpan.FromSeconds(30), default);
        var sent = Assert.IsType<InspectTables>(Assert.Single(_r1.Sent));
        var reply = new TablesInspected(sent.RequestId, [new TableFigures("shop", "orders", "MergeTree", 3, null, null)], null);

        Assert.False(_requests.Complete("1", "r2", reply));
        Assert.False(_requests.Complete("1", "r1", reply with { RequestId = new RequestId("other") }));
        Assert.True(_requests.Complete("1", "r1", reply));

        Assert.Same(reply, await asking);
        Assert.Equal(0, _requests.Waiting);
        Assert.False(_requests.Complete("1", "r1", reply));
    }

    [Fact]
    public async Task An_agent_that_does_not_answer_in_time_or_answers_the_wrong_kind_fails_the_request_naming_it()
    {
        var silent = _requests.AskAsync<TablesInspected>("1", "r1", id => new InspectTables(id, ["shop"], false), TimeSpan.FromSeconds(30), default);
        await _time.WaitForActiveTimersAsync(1, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        var late = await Assert.ThrowsAsync<AgentRequestException>(() => silent);

        var wrong = _requests.AskAsync<TablesInspected>("1", "r1", id => new DropTables(id, [], []), TimeSpan.FromSeconds(30), default);
        _requests.Complete("1", "r1", new TablesDropped(((DropTables)_r1.Sent[^1]).RequestId, [], [], null));
        var mismatch = await Assert.ThrowsAsync<AgentRequestException>(() => wrong);

        Assert.Equal("replica r1 of shard 1 did not answer InspectTables within 30 s", late.Message);
        Assert.Equal("replica r1 of shard 1 answered DropTables with TablesDropped, expected TablesInspected", mismatch.Message);
        Assert.Equal(0, _requests.Waiting);
    }

    [Fact]
    public async Task A_request_to_an_agent_that_is_not_connected_fails_at_once()
    {
        var e = await Assert.ThrowsAsync<AgentRequestException>(() =>
            _requests.AskAsync<TablesInspected>("2", "r9", id => new InspectTables(id, ["shop"], false), TimeSpan.FromSeconds(30), default));

        Assert.Equal("replica r9 of shard 2 has no connected agent to ask (InspectTables)", e.Message);
        Assert.Equal(0, _requests.Waiting);
    }

    private static AgentIdentity Identity(string replica) =>
        new("c", "1", replica, "h", "26.5", new Dictionary<string, string> { ["shard"] = "1", ["replica"] = replica }, "t");

    private sealed class Channel : IAgentChannel
    {
        public List<ProtocolMessage> Sent { get; } = [];

        public ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return ValueTask.FromResult(true);
        }
    }
}
