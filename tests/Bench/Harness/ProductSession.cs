using System.Diagnostics;
using System.Globalization;
using ClickVault.Cluster.Cli;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Testing.Agents;
using ClickVault.Cluster.Testing.Coordinator;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// The product under measurement: a real coordinator (in this process, on the cluster's s3rver) with a real agent next to
/// each given node, backing up one database under a prefix of its own. Timed calls go through the operator API or CLI.
/// </summary>
public sealed class ProductSession : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    private readonly InProcessAgents _agents;
    private readonly RunSeconds _seconds;

    private ProductSession(InProcessCoordinator coordinator, InProcessAgents agents, RunSeconds seconds)
    {
        Coordinator = coordinator;
        _agents = agents;
        _seconds = seconds;
    }

    public InProcessCoordinator Coordinator { get; }

    public static async Task<ProductSession> StartAsync(BenchCluster cluster, string database, IReadOnlyList<NodeDescription> nodes)
    {
        var description = cluster.Description;
        var coordinator = await InProcessCoordinator.StartAsync(description.Cluster, cluster.S3, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["backup:databases:0"] = database,
            ["backup:prefix"] = $"bench-{Guid.NewGuid():N}",
            ["backup:destination"] = "disk",
            ["backup:disk"] = description.BackupDisk,
            ["backup:poll_interval"] = cluster.Poll.ToString("c", CultureInfo.InvariantCulture),
            ["backup:replica_priority:0"] = "replica-1",
        });
        var agents = await InProcessAgents.StartAsync(description, coordinator.AgentContact, nodes.Select(n => n.Name));
        while ((await coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView)).Count(a => a.State == "connected") < nodes.Count)
        {
            await Task.Delay(20);
        }
        return new ProductSession(coordinator, agents, cluster.RunSeconds);
    }

    /// <summary>A cluster run from the API call to its end event; throws unless it succeeded.</summary>
    public async Task<(TimeSpan Wall, RunView Run)> RunAsync(bool full)
    {
        await _seconds.WaitForUnusedAsync();
        var clock = Stopwatch.StartNew();
        var started = await Coordinator.StartRunAsync(full);
        _seconds.Used(started.RunId);
        var done = await Coordinator.WaitForRunAsync(started.RunId, RunTimeout);
        var wall = clock.Elapsed;
        return done.State == "succeeded"
            ? (wall, done)
            : throw new InvalidOperationException($"cluster run {done.RunId} ended {done.State}: {string.Join("; ", done.Shards.Select(s => $"{s.Shard} {s.State} {s.Error}"))}");
    }

    /// <summary><c>clickvault restore latest --as-database {asDatabase}</c> through the CLI, from its start to its exit.</summary>
    public async Task<TimeSpan> RestoreLatestAsync(string asDatabase)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            ["CLICKVAULT_COORDINATOR_URL"] = Coordinator.BaseUrl.ToString(),
            ["CLICKVAULT_OPERATOR_TOKEN"] = InProcessCoordinator.OperatorToken,
        };
        var clock = Stopwatch.StartNew();
        var code = await Cli.Program.RunAsync(["restore", "latest", "--as-database", asDatabase, "--json"],
            new CliHost(stdout, stderr, environment, OutputIsTerminal: false, TimeProvider.System));
        var wall = clock.Elapsed;
        return code == 0 ? wall : throw new InvalidOperationException($"clickvault restore exited {code}: {stderr}");
    }

    /// <summary>The shard's catalog.json as the coordinator wrote it.</summary>
    public Task<ShardCatalog> CatalogAsync(int shard)
    {
        var catalog = Coordinator.Services.GetRequiredService<CatalogStore>();
        var id = new ShardId(shard.ToString(CultureInfo.InvariantCulture));
        return catalog.ReadShardAsync(id, catalog.Layout.ShardPath(id), default);
    }

    public async ValueTask DisposeAsync()
    {
        await _agents.DisposeAsync();
        await Coordinator.DisposeAsync();
    }
}
