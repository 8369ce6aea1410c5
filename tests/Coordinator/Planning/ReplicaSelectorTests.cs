using ClickVault.Cluster.Coordinator.Planning;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Planning;

public sealed class ReplicaSelectorTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, ReplicaCandidate[], string[], string?, string> Cases => new()
    {
        { "none connected", [], [], null, "no agent" },
        { "disconnected only", [new("r1", false, true, null)], [], null, "no agent" },
        { "ClickHouse down", [new("r1", true, false, null)], [], null, "does not answer" },
        { "priority wins over LRU", [new("r1", true, true, T), new("r2", true, true, null)], ["r1"], "r1", "priority" },
        { "unhealthy priority replica is skipped", [new("r1", true, false, null), new("r2", true, true, T)], ["r1", "r2"], "r2", "priority" },
        { "least recently used", [new("r1", true, true, T.AddHours(1)), new("r2", true, true, T)], [], "r2", "least recently used" },
        { "never used first", [new("r1", true, true, T), new("r2", true, true, null)], [], "r2", "least recently used" },
        { "tie by name", [new("r2", true, true, null), new("r1", true, true, null)], [], "r1", "least recently used" },
        { "sibling when one is down", [new("r1", false, true, null), new("r2", true, true, T)], ["r1"], "r2", "only healthy" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses(string name, ReplicaCandidate[] candidates, string[] priority, string? expected, string reason)
    {
        var choice = ReplicaSelector.Choose(candidates, priority);

        Assert.True(expected == choice.Replica, $"{name}: expected {expected}, got {choice.Replica} ({choice.Reason})");
        Assert.Contains(reason, choice.Reason, StringComparison.Ordinal);
    }
}
