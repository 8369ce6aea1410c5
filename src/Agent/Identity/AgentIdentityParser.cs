using System.Reflection;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Identity;

/// <summary>
/// Turns what the local server says about itself (system.macros, version(), hostName()) into the agent's identity:
/// shard = macro <c>shard</c>, replica = macro <c>replica</c>, cluster = macro <c>cluster</c> or else <c>agent.cluster</c>.
/// </summary>
public static class AgentIdentityParser
{
    /// <summary>This build of the agent, as reported in the identity.</summary>
    public static string AgentVersion { get; } =
        typeof(AgentIdentityParser).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AgentIdentityParser).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <exception cref="AgentIdentityException">A macro is missing or its value is unusable; every problem is named.</exception>
    public static AgentIdentity Parse(
        IEnumerable<KeyValuePair<string, string>> macros, string version, string host, string? configuredCluster)
    {
        ArgumentNullException.ThrowIfNull(macros);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in macros)
        {
            map[name] = value;
        }

        var problems = new List<string>();
        var shard = Require(map, "shard", problems);
        var replica = Require(map, "replica", problems);
        string? cluster = null;
        if (map.TryGetValue("cluster", out var fromMacro) && fromMacro.Length > 0)
        {
            cluster = Valid(fromMacro, "macro 'cluster'", v => new ClusterName(v), problems);
        }
        else if (!string.IsNullOrEmpty(configuredCluster))
        {
            cluster = Valid(configuredCluster, "agent.cluster", v => new ClusterName(v), problems);
        }
        else
        {
            problems.Add("the server has no 'cluster' macro in system.macros and agent.cluster is not set; define <macros><cluster>…</cluster></macros> in its config or set agent.cluster");
        }

        if (shard is not null)
        {
            shard = Valid(shard, "macro 'shard'", v => new ShardId(v), problems);
        }

        if (replica is not null && replica.Any(char.IsControl))
        {
            problems.Add("macro 'replica' must not contain control characters");
            replica = null;
        }

        if (problems.Count > 0 || shard is null || replica is null || cluster is null)
        {
            throw new AgentIdentityException(problems);
        }

        return new AgentIdentity(cluster, shard, replica, host, version, map, AgentVersion);
    }

    private static string? Require(Dictionary<string, string> macros, string name, List<string> problems)
    {
        if (macros.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        problems.Add($"the server has no '{name}' macro in system.macros; define <macros><{name}>…</{name}></macros> in its config");
        return null;
    }

    private static string? Valid<T>(string value, string source, Func<string, T> parse, List<string> problems)
    {
        try
        {
            _ = parse(value);
            return value;
        }
        catch (ArgumentException e)
        {
            problems.Add($"{source} is unusable: {e.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
    }
}

/// <summary>The local server does not say which cluster, shard and replica it is; the message names every problem.</summary>
public sealed class AgentIdentityException(IReadOnlyList<string> problems)
    : Exception("cannot tell this agent's identity from the local ClickHouse: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
