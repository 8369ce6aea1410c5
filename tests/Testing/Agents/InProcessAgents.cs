using ClickVault.Cluster.Agent;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Tls;
using Microsoft.Extensions.Hosting;

namespace ClickVault.Cluster.Testing.Agents;

/// <summary>One real agent per embedded node, in this process, reaching a coordinator over Akka.Remote (its ClusterClient).</summary>
public sealed class InProcessAgents : IAsyncDisposable
{
    private readonly Dictionary<string, IHost> _running = new(StringComparer.Ordinal);
    private readonly ClusterDescription _cluster;
    private readonly string _coordinator;

    private InProcessAgents(ClusterDescription cluster, string coordinator)
    {
        _cluster = cluster;
        _coordinator = coordinator;
    }

    /// <summary>Starts an agent next to every node (or only the named nodes); <paramref name="coordinator"/> is a remoting <c>host:port</c>.</summary>
    public static async Task<InProcessAgents> StartAsync(ClusterDescription cluster, string coordinator, IEnumerable<string>? nodes = null)
    {
        var agents = new InProcessAgents(cluster, coordinator);
        foreach (var node in nodes ?? cluster.Nodes.Select(n => n.Name))
        {
            await agents.StartAsync(node);
        }
        return agents;
    }

    /// <param name="overrides">Settings that replace or add to the defaults (e.g. <c>config_backup:directory</c>).</param>
    public async Task StartAsync(string node, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var description = _cluster.Nodes.Single(n => n.Name == node);
        var settings = new Dictionary<string, string?>
        {
            ["agent:coordinator_contacts"] = _coordinator,
            ["agent:token"] = InProcessCoordinator.AgentToken,
            ["agent:heartbeat_interval"] = "00:00:00.500",
            ["agent:reconnect_min_delay"] = "00:00:00.100",
            ["agent:reconnect_max_delay"] = "00:00:01",
            ["clickhouse:url"] = description.Url.ToString(),
            ["clickhouse:user"] = _cluster.User,
            ["clickhouse:password"] = _cluster.Password,
            ["destination:disk"] = _cluster.BackupDisk,
            ["config_backup:directory"] = Path.GetDirectoryName(description.ConfigFile),
        };
        foreach (var (key, value) in TestCertificates.Default.AgentSettings().Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }
        var host = AgentHostBuilder.Build(settings);
        await host.StartAsync();
        _running[node] = host;
    }

    public async Task StopAsync(string node)
    {
        if (_running.Remove(node, out var host))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _running.Keys.ToList())
        {
            await StopAsync(node);
        }
    }
}
