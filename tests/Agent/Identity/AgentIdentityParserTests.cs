using ClickVault.Cluster.Agent.Identity;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Identity;

public sealed class AgentIdentityParserTests
{
    private static readonly Dictionary<string, string> AllMacros = new()
    {
        ["cluster"] = "main",
        ["shard"] = "02",
        ["replica"] = "ch-2b",
        ["layer"] = "eu",
    };

    [Fact]
    public void Shard_replica_and_cluster_come_from_the_macros()
    {
        var identity = AgentIdentityParser.Parse(AllMacros, "26.5.1.1", "host-2b", configuredCluster: "ignored");

        Assert.Equal("main", identity.Cluster);
        Assert.Equal("02", identity.Shard);
        Assert.Equal("ch-2b", identity.Replica);
        Assert.Equal("host-2b", identity.Host);
        Assert.Equal("26.5.1.1", identity.ClickHouseVersion);
        Assert.Equal(AllMacros, identity.Macros);
        Assert.False(string.IsNullOrEmpty(identity.AgentVersion));
    }

    [Fact]
    public void Without_a_cluster_macro_the_configured_cluster_is_used()
    {
        var macros = AllMacros.Where(m => m.Key != "cluster");

        Assert.Equal("configured", AgentIdentityParser.Parse(macros, "26.5", "h", "configured").Cluster);
    }

    [Theory]
    [InlineData("shard", "the server has no 'shard' macro in system.macros; define <macros><shard>…</shard></macros> in its config")]
    [InlineData("replica", "the server has no 'replica' macro in system.macros; define <macros><replica>…</replica></macros> in its config")]
    [InlineData("cluster", "the server has no 'cluster' macro in system.macros and agent.cluster is not set")]
    public void A_missing_macro_is_a_clear_error_naming_it(string missing, string expected)
    {
        var macros = AllMacros.Where(m => m.Key != missing);

        var e = Assert.Throws<AgentIdentityException>(() => AgentIdentityParser.Parse(macros, "26.5", "h", configuredCluster: null));

        Assert.Single(e.Problems);
        Assert.StartsWith(expected, e.Problems[0], StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var e = Assert.Throws<AgentIdentityException>(() => AgentIdentityParser.Parse([], "26.5", "h", configuredCluster: null));

        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void An_unusable_macro_value_is_named()
    {
        var macros = new Dictionary<string, string>(AllMacros) { ["shard"] = "../etc" };

        var e = Assert.Throws<AgentIdentityException>(() => AgentIdentityParser.Parse(macros, "26.5", "h", null));

        Assert.Contains("macro 'shard' is unusable: shard id '../etc' is invalid", e.Message, StringComparison.Ordinal);
    }
}
