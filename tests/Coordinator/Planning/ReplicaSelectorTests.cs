using ClickVault.Cluster.Coordinator.Planning;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Planning;

public sealed class ReplicaSelectorTests
{
    private const ReplicaPolicy Affinity = ReplicaPolicy.Affinity;
    private const ReplicaPolicy Spread = ReplicaPolicy.Spread;
    private static readonly DateTimeOffset T = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChainAffinity ByR1 = new("r1", "20261122T020000Z");

    public static TheoryData<string, ReplicaCandidate[], string[], ChainAffinity?, ReplicaPolicy, string?, string> Cases => new()
    {
        { "none connected", [], [], null, Affinity, null, "no agent" },
        { "disconnected only", [new("r1", false, true, null)], [], ByR1, Affinity, null, "no agent" },
        { "ClickHouse down", [new("r1", true, false, null)], [], ByR1, Affinity, null, "does not answer" },
        { "priority wins over LRU", [new("r1", true, true, T), new("r2", true, true, null)], ["r1"], null, Affinity, "r1", "configured priority" },
        { "priority wins over affinity", [new("r1", true, true, null), new("r2", true, true, null)], ["r2"], ByR1, Affinity, "r2", "configured priority" },
        { "unhealthy priority replica is skipped", [new("r1", true, false, null), new("r2", true, true, T)], ["r1", "r2"], null, Affinity, "r2", "configured priority" },
        { "least recently used", [new("r1", true, true, T.AddHours(1)), new("r2", true, true, T)], [], null, Affinity, "r2", "least recently used healthy replica" },
        { "never used first", [new("r1", true, true, T), new("r2", true, true, null)], [], null, Affinity, "r2", "least recently used" },
        { "tie by name", [new("r2", true, true, null), new("r1", true, true, null)], [], null, Affinity, "r1", "least recently used" },
        { "sibling when one is down", [new("r1", false, true, null), new("r2", true, true, T)], ["r1"], null, Affinity, "r2", "only healthy" },
        {
            "affinity wins over LRU", [new("r1", true, true, T.AddHours(1)), new("r2", true, true, T)], [], ByR1, Affinity, "r1",
            "chain affinity: r1 took the chain's previous backup 20261122T020000Z"
        },
        {
            "affinity among the unranked when no priority replica is healthy",
            [new("r1", true, true, T), new("r2", true, true, null), new("r3", false, true, null)], ["r3"], ByR1, Affinity, "r1", "chain affinity: r1"
        },
        { "affinity replica as the only healthy one", [new("r1", true, true, T), new("r2", false, true, null)], [], ByR1, Affinity, "r1", "only healthy replica" },
        {
            "affinity replica disconnected", [new("r1", false, true, null), new("r2", true, true, T), new("r3", true, true, null)], [], ByR1, Affinity, "r3",
            "chain affinity replica r1 is not healthy (agent disconnected); least recently used healthy replica"
        },
        {
            "affinity replica's ClickHouse down", [new("r1", true, false, null), new("r2", true, true, T)], [], ByR1, Affinity, "r2",
            "chain affinity replica r1 is not healthy (ClickHouse not answering); only healthy replica"
        },
        {
            "affinity replica never registered", [new("r2", true, true, T)], [], ByR1, Affinity, "r2",
            "chain affinity replica r1 is not healthy (no agent registered); only healthy replica"
        },
        {
            "spread ignores affinity", [new("r1", true, true, T), new("r2", true, true, null)], [], ByR1, Spread, "r2",
            "least recently used healthy replica (replica_policy spread)"
        },
        { "spread without a previous backup", [new("r1", true, true, T), new("r2", true, true, null)], [], null, Spread, "r2", "least recently used healthy replica" },
        { "spread keeps priority", [new("r1", true, true, T), new("r2", true, true, null)], ["r1"], ByR1, Spread, "r1", "configured priority" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses(string name, ReplicaCandidate[] candidates, string[] priority, ChainAffinity? previous, ReplicaPolicy policy, string? expected, string reason)
    {
        var choice = ReplicaSelector.Choose(candidates, priority, previous, policy);

        Assert.True(expected == choice.Replica, $"{name}: expected {expected}, got {choice.Replica} ({choice.Reason})");
        Assert.Contains(reason, choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_previous_backup_the_reason_never_mentions_affinity()
    {
        var choice = ReplicaSelector.Choose([new("r1", true, true, null), new("r2", true, true, null)], []);

        Assert.Equal(new ReplicaChoice("r1", "least recently used healthy replica"), choice);
    }
}
