using System.Collections.Concurrent;
using System.Globalization;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Membership;

/// <summary>Sends protocol messages to one connected agent (its session's link).</summary>
public interface IAgentChannel
{
    /// <summary>False when the session is gone; the message was not sent.</summary>
    ValueTask<bool> SendAsync(ProtocolMessage message, CancellationToken cancellationToken);
}

/// <summary>An agent session as membership tracks it.</summary>
public sealed record AgentMember(
    AgentIdentity Identity,
    IAgentChannel Channel,
    long Session,
    DateTimeOffset ConnectedAt,
    DateTimeOffset LastSeenAt,
    bool ClickHouseReachable,
    DateTimeOffset? LastBackupAt,
    bool Connected)
{
    public string Key => AgentRegistry.KeyOf(Identity.Shard, Identity.Replica);
}

/// <summary>
/// Cluster membership: one entry per (shard, replica), liveness from heartbeats. A reconnecting agent replaces its
/// previous session. Thread-safe; read by runs for replica choice and dispatch.
/// </summary>
public sealed class AgentRegistry(IOptions<CoordinatorOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AgentMember> _members = new(StringComparer.Ordinal);
    private long _sessions;

    public event Action<AgentMember>? Connected;

    public static string KeyOf(string shard, string replica) => $"{shard}/{replica}";

    public AgentMember Register(AgentIdentity identity, IAgentChannel channel)
    {
        var now = time.GetUtcNow();
        var key = KeyOf(identity.Shard, identity.Replica);
        var member = new AgentMember(identity, channel, Interlocked.Increment(ref _sessions), now, now, true, null, true);
        _members.AddOrUpdate(key, member, (_, previous) => member with { LastBackupAt = previous.LastBackupAt });
        Connected?.Invoke(member);
        return member;
    }

    public void Heartbeat(AgentMember member, bool clickHouseReachable) =>
        Update(member, m => m with { LastSeenAt = time.GetUtcNow(), ClickHouseReachable = clickHouseReachable });

    public void Seen(AgentMember member) => Update(member, m => m with { LastSeenAt = time.GetUtcNow() });

    public void Disconnected(AgentMember member) => Update(member, m => m with { Connected = false });

    public void BackupDispatched(string shard, string replica) =>
        _members.AddOrUpdate(KeyOf(shard, replica), _ => throw new KeyNotFoundException(KeyOf(shard, replica)),
            (_, m) => m with { LastBackupAt = time.GetUtcNow() });

    public IReadOnlyList<AgentMember> Members() => [.. _members.Values.Select(Live).OrderBy(m => m.Key, StringComparer.Ordinal)];

    public AgentMember? Find(string shard, string replica) =>
        _members.TryGetValue(KeyOf(shard, replica), out var m) ? Live(m) : null;

    public IReadOnlyList<ReplicaCandidate> Candidates(string shard) =>
        [.. Members().Where(m => m.Identity.Shard == shard)
            .Select(m => new ReplicaCandidate(m.Identity.Replica, m.Connected, m.ClickHouseReachable, m.LastBackupAt))];

    public async ValueTask<bool> SendAsync(string shard, string replica, ProtocolMessage message, CancellationToken cancellationToken) =>
        Find(shard, replica) is { Connected: true } member && await member.Channel.SendAsync(message, cancellationToken).ConfigureAwait(false);

    public IReadOnlyList<AgentView> Views() =>
    [
        .. Members().Select(m => new AgentView(m.Identity.Cluster, m.Identity.Shard, m.Identity.Replica, m.Identity.Host,
            m.Identity.ClickHouseVersion, m.Connected ? "connected" : "disconnected", m.ClickHouseReachable,
            m.ConnectedAt, m.LastSeenAt, m.LastBackupAt)),
    ];

    /// <summary>Shards by their macro id; a shard that system.clusters lists but no agent serves is named by its shard_num.</summary>
    public IReadOnlyList<string> KnownShards()
    {
        var fromAgents = Members().Select(m => m.Identity.Shard);
        var fromTopology = Topology().Select(t => t.Shard ?? t.ShardNum.ToString(CultureInfo.InvariantCulture));
        return [.. fromAgents.Concat(fromTopology).Distinct(StringComparer.Ordinal).OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
    }

    /// <summary>Every shard the agents' system.clusters lists, by shard_num, with the macro shard id of any agent on it.</summary>
    public IReadOnlyList<(int ShardNum, string? Shard)> Topology()
    {
        var members = Members();
        var byNum = members
            .SelectMany(m => m.Identity.Topology.Where(t => t.IsLocal).Select(t => (t.ShardNum, m.Identity.Shard)))
            .GroupBy(x => x.ShardNum)
            .ToDictionary(g => g.Key, g => g.First().Shard);
        return [.. members.SelectMany(m => m.Identity.Topology).Select(t => t.ShardNum).Distinct().Order()
            .Select(n => (n, byNum.TryGetValue(n, out var s) ? s : null))];
    }

    // An agent silent for longer than the timeout counts as disconnected even before its socket notices.
    private AgentMember Live(AgentMember m) =>
        m.Connected && time.GetUtcNow() - m.LastSeenAt > options.Value.AgentTimeout ? m with { Connected = false } : m;

    private void Update(AgentMember member, Func<AgentMember, AgentMember> change) =>
        _members.AddOrUpdate(member.Key, _ => change(member), (_, current) => current.Session == member.Session ? change(current) : current);
}
