using System.Globalization;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Agents;
using ClickVault.Cluster.Testing.Coordinator;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.ClusterRuns;

/// <summary>
/// One end-to-end setting on the embedded 2x2 cluster: a real coordinator and real agents (in this process, over
/// real sockets) backing up one test database under a key prefix of its own.
/// </summary>
internal sealed partial class ClusterScenario : IAsyncDisposable
{
    private readonly TwoByTwoClusterFixture _fixture;
    private readonly Dictionary<string, string?> _settings;

    private ClusterScenario(TwoByTwoClusterFixture fixture, string database, Dictionary<string, string?> settings)
    {
        _fixture = fixture;
        Database = database;
        _settings = settings;
    }

    public string Database { get; }

    public string Prefix => _settings["backup:prefix"]!;

    public ClusterDescription Cluster => _fixture.Cluster;

    public InProcessCoordinator Coordinator { get; private set; } = null!;

    public InProcessAgents Agents { get; private set; } = null!;

    /// <param name="settings">More coordinator settings (e.g. notifications), added to the scenario's own; a null value removes one of those.</param>
    public static async Task<ClusterScenario> StartAsync(
        TwoByTwoClusterFixture fixture, string label, IEnumerable<string>? agentNodes = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var scenario = Create(fixture, label, settings);
        await scenario.StartCoordinatorAsync();
        scenario.Agents = await InProcessAgents.StartAsync(fixture.Cluster, scenario.Coordinator.AgentContact, agentNodes);
        await scenario.WaitForAgentsAsync((agentNodes ?? fixture.Cluster.Nodes.Select(n => n.Name)).Count());
        return scenario;
    }

    /// <summary>A scenario with its own database and key prefix; nothing started yet.</summary>
    private static ClusterScenario Create(TwoByTwoClusterFixture fixture, string label, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var all = new Dictionary<string, string?>
        {
            ["backup:databases:0"] = $"{label}_{unique}",
            // Fixed for the scenario: a restarted coordinator is found by the agents where the first one was.
            ["remoting:port"] = ProcessControl.FreeLoopbackPorts(1)[0].ToString(CultureInfo.InvariantCulture),
            ["backup:prefix"] = $"e2e-{unique}",
            ["backup:destination"] = "disk",
            ["backup:disk"] = fixture.Cluster.BackupDisk,
            ["backup:replica_priority:0"] = "replica-1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }
        return new ClusterScenario(fixture, $"{label}_{unique}", all);
    }

    public async Task StartCoordinatorAsync(int port = 0) =>
        Coordinator = await InProcessCoordinator.StartAsync(Cluster.Cluster, S3Options(), _settings, port);

    public S3StoreOptions S3Options() => new()
    {
        Endpoint = Cluster.S3.Endpoint,
        Bucket = Cluster.S3.Bucket,
        AccessKey = Cluster.S3.AccessKey,
        SecretKey = Cluster.S3.SecretKey,
    };

    public async Task WaitForAgentsAsync(int connected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var agents = await Coordinator.GetAsync(OperatorRoutes.Agents, ApiJson.Default.IReadOnlyListAgentView);
            if (agents.Count(a => a.State == "connected") == connected)
            {
                return;
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    public IClickHouseClient Client(NodeDescription node) => _fixture.ClientFor(node);

    /// <summary>Creates the test database on every node of <paramref name="shards"/> with rows that differ per shard.</summary>
    public async Task CreateDataAsync(int rowsPerShard, params int[] shards)
    {
        foreach (var node in Cluster.Nodes.Where(n => shards.Length == 0 || shards.Contains(n.Shard)))
        {
            var client = Client(node);
            await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {Database}"), default);
            await client.ExecuteAsync(new ClickHouseQuery(
                $"CREATE TABLE IF NOT EXISTS {Database}.events (id UInt64, shard UInt8, amount UInt32) ENGINE = MergeTree ORDER BY id"), default);
            await InsertAsync(node, rowsPerShard);
        }
    }

    public async Task InsertAsync(int rows)
    {
        foreach (var node in Cluster.Nodes)
        {
            await InsertAsync(node, rows);
        }
    }

    private Task InsertAsync(NodeDescription node, int rows) => Client(node).ExecuteAsync(new ClickHouseQuery(
        $"INSERT INTO {Database}.events SELECT (SELECT count() FROM {Database}.events) + number, {{shard:UInt8}}, (number * {{shard:UInt8}}) % 1000 FROM numbers({{rows:UInt64}})")
    {
        Parameters = [QueryParameter.UInt64("shard", (ulong)node.Shard), QueryParameter.UInt64("rows", (ulong)(rows * node.Shard))],
    }, default);

    public async Task<RunView> RunAsync(bool full = false)
    {
        var started = await Coordinator.StartRunAsync(full);
        return await Coordinator.WaitForRunAsync(started.RunId, TimeSpan.FromMinutes(3));
    }

    public async Task<Figures> FiguresAsync(NodeDescription node, string database) =>
        Assert.Single(await Client(node).QueryAsync(new ClickHouseQuery(
            $"SELECT count() AS rows, sum(amount) AS total_amount, sum(cityHash64(id, shard, amount)) AS checksum FROM {database}.events"),
            ScenarioJson.Default.Figures, default));

    /// <summary>How many BACKUP operations with this id each node ran (system.backups).</summary>
    public async Task<IReadOnlyDictionary<string, int>> BackupsWithIdAsync(string id)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in Cluster.Nodes)
        {
            var rows = await Client(node).QueryAsync(new ClickHouseQuery("SELECT count() AS n FROM system.backups WHERE id = {id:String}")
            {
                Parameters = [QueryParameter.String("id", id)],
            }, ScenarioJson.Default.Count, default);
            counts[node.Name] = (int)rows[0].N;
        }
        return counts;
    }

    /// <summary>The status of one operation in a node's system.backups; null when the node has no record of it.</summary>
    public async Task<string?> BackupStatusAsync(NodeDescription node, string id) =>
        (await Client(node).QueryAsync(new ClickHouseQuery("SELECT status FROM system.backups WHERE id = {id:String}")
        {
            Parameters = [QueryParameter.String("id", id)],
        }, ScenarioJson.Default.Status, default)).SingleOrDefault()?.Status;

    public static string ShardId(NodeDescription node) => node.Shard.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Null when the test ran its coordinator itself (run-once) or started no agents.
        if (Agents is not null)
        {
            await Agents.DisposeAsync();
        }
        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }
        foreach (var node in Cluster.Nodes)
        {
            await Client(node).ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS {Database}"), default);
        }
        // Ids carry a UTC second, possibly ahead of the clock, on servers every scenario shares: the next scenario must not reuse one.
        await _fixture.WaitPastUsedIdsAsync();
    }
}

internal sealed record Figures(
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("total_amount")] ulong Amount,
    [property: JsonPropertyName("checksum")] ulong Checksum);

internal sealed record CountRow([property: JsonPropertyName("n")] ulong N);

internal sealed record StatusRow([property: JsonPropertyName("status")] string Status);

[JsonSerializable(typeof(Figures))]
[JsonSerializable(typeof(CountRow), TypeInfoPropertyName = "Count")]
[JsonSerializable(typeof(StatusRow), TypeInfoPropertyName = "Status")]
internal sealed partial class ScenarioJson : JsonSerializerContext;
