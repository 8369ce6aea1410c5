using System.Text.Json.Serialization;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Identity;

/// <summary>Who this agent is: read from the local server each time the agent (re)connects.</summary>
public interface IAgentIdentitySource
{
    /// <exception cref="AgentIdentityException">A macro is missing or unusable.</exception>
    /// <exception cref="ClickHouseException">The local server cannot be asked.</exception>
    Task<AgentIdentity> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Reads <c>system.macros</c>, <c>version()</c> and <c>hostName()</c> from the local ClickHouse.</summary>
public sealed class ClickHouseIdentitySource(IClickHouseClient client, AgentOptions options) : IAgentIdentitySource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<AgentIdentity> ReadAsync(CancellationToken cancellationToken)
    {
        var macros = await client.QueryAsync(
            new ClickHouseQuery("SELECT macro, substitution FROM system.macros ORDER BY macro") { Timeout = Timeout },
            IdentityJson.Default.MacroRow, cancellationToken).ConfigureAwait(false);
        var server = await client.QueryAsync(
            new ClickHouseQuery("SELECT version() AS version, hostName() AS host") { Timeout = Timeout },
            IdentityJson.Default.ServerRow, cancellationToken).ConfigureAwait(false);
        if (server.Count != 1)
        {
            throw new ClickHouseProtocolException($"SELECT version(), hostName() returned {server.Count} rows instead of 1");
        }

        var identity = AgentIdentityParser.Parse(
            macros.Select(m => KeyValuePair.Create(m.Macro, m.Substitution)), server[0].Version, server[0].Host, options.Cluster);
        // The cluster as this server sees it, so the coordinator can name shards that have no agent at all.
        var topology = await client.QueryAsync(
            new ClickHouseQuery("SELECT shard_num, replica_num, host_name, port, is_local FROM system.clusters WHERE cluster = {cluster:String} ORDER BY shard_num, replica_num")
            {
                Parameters = [QueryParameter.String("cluster", identity.Cluster)],
                Timeout = Timeout,
            },
            IdentityJson.Default.TopologyRow, cancellationToken).ConfigureAwait(false);
        return identity with
        {
            Topology = [.. topology.Select(t => new TopologyReplica((int)t.ShardNum, (int)t.ReplicaNum, t.Host, (int)t.Port, t.IsLocal != 0))],
        };
    }
}

internal sealed record MacroRow(
    [property: JsonPropertyName("macro")] string Macro,
    [property: JsonPropertyName("substitution")] string Substitution);

internal sealed record ServerRow(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("host")] string Host);

internal sealed record TopologyRow(
    [property: JsonPropertyName("shard_num")] uint ShardNum,
    [property: JsonPropertyName("replica_num")] uint ReplicaNum,
    [property: JsonPropertyName("host_name")] string Host,
    [property: JsonPropertyName("port")] uint Port,
    [property: JsonPropertyName("is_local")] uint IsLocal);

[JsonSerializable(typeof(MacroRow))]
[JsonSerializable(typeof(TopologyRow))]
[JsonSerializable(typeof(ServerRow))]
internal sealed partial class IdentityJson : JsonSerializerContext;
