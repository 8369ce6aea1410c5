using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Membership;

/// <summary>Waiting for an agent of every shard, on a manual clock.</summary>
public sealed class AgentReadinessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TimerTrackingTimeProvider _time = new();
    private readonly AgentRegistry _registry;

    public AgentReadinessTests() =>
        _registry = new AgentRegistry(Options.Create(new CoordinatorOptions { AgentTimeout = TimeSpan.FromDays(1) }), _time);

    [Fact]
    public async Task Completes_when_the_last_known_shard_gets_an_agent_without_waiting_for_the_timeout()
    {
        Connect("1");
        var readiness = new AgentReadiness(_registry, _time);

        var waiting = readiness.WaitAsync([], TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Connect("2");
        var coverage = await waiting.WaitAsync(Wait);

        Assert.True(coverage.Complete);
        Assert.Equal(["1", "2"], coverage.Known);
        Assert.Equal(["1", "2"], coverage.Covered);
        Assert.Empty(coverage.Missing);
    }

    [Fact]
    public async Task After_the_timeout_it_returns_the_shards_still_without_an_agent()
    {
        Connect("1");
        var readiness = new AgentReadiness(_registry, _time);

        var coverage = await AdvanceUntilDoneAsync(readiness.WaitAsync([], TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.False(coverage.Complete);
        Assert.Equal(["1"], coverage.Covered);
        Assert.Equal(["2"], coverage.Missing);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - new TimerTrackingTimeProvider().GetUtcNow());
    }

    [Fact]
    public async Task Named_shards_are_all_it_waits_for_and_with_no_agent_nothing_is_known()
    {
        Connect("1");
        var named = await new AgentReadiness(_registry, _time).WaitAsync(["1"], TimeSpan.FromMinutes(1), CancellationToken.None).WaitAsync(Wait);
        var empty = new AgentRegistry(Options.Create(new CoordinatorOptions()), _time);
        var none = await AdvanceUntilDoneAsync(new AgentReadiness(empty, _time).WaitAsync([], TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.True(named.Complete);
        Assert.Equal((0, 0, false), (none.Known.Count, none.Covered.Count, none.Complete));
    }

    private void Connect(string shard) => _registry.Register(
        new AgentIdentity("main", shard, "replica-1", $"host-{shard}", "26.5", new Dictionary<string, string> { ["shard"] = shard }, "test")
        {
            Topology = [new TopologyReplica(1, 1, "host-1", 9000, shard == "1"), new TopologyReplica(2, 1, "host-2", 9000, shard == "2")],
        },
        new NullAgentChannel());

    /// <summary>Moves the clock one re-check at a time (each time the wait has armed its next delay) until it returns.</summary>
    private async Task<ShardCoverage> AdvanceUntilDoneAsync(Task<ShardCoverage> waiting)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!waiting.IsCompleted)
        {
            await Task.WhenAny(waiting, _time.WaitForActiveTimersAsync(1, timeout.Token));
            if (!waiting.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
            }
        }
        return await waiting;
    }
}
