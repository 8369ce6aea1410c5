using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Testing.Embedded;

/// <summary>
/// A real embedded cluster (libchdb.so nodes + s3rver) for a test collection, in a folder under
/// .test-results/clusters so a CI run can find and stop anything a crashed test host left behind.
/// </summary>
public abstract class EmbeddedClusterFixture : IAsyncLifetime
{
    private readonly int _shards;
    private readonly int _replicas;
    private readonly List<HttpClient> _clients = [];
    private ClusterDescription? _cluster;

    protected EmbeddedClusterFixture(int shards, int replicas)
    {
        _shards = shards;
        _replicas = replicas;
        Directory = Path.Combine(RepoPaths.Root(), ".test-results", "clusters", $"{GetType().Name}-{Guid.NewGuid():N}");
    }

    public string Directory { get; }

    public ClusterDescription Cluster => _cluster ?? throw new InvalidOperationException("the embedded cluster is not up");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _cluster = await ClusterLauncher.UpAsync(new LaunchOptions(Directory, _shards, _replicas), TextWriter.Null, timeout.Token);
    }

    /// <summary>kill -9 of one node, as a crash of its server; <see cref="RestartStoppedNodesAsync"/> brings it back (same port and data).</summary>
    public async Task KillNodeAsync(NodeDescription node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!await ClusterLauncher.KillNodeAsync(Directory, node.Name))
        {
            throw new InvalidOperationException($"node {node.Name} was not running");
        }
    }

    /// <summary>Starts every node that is not running (after <see cref="KillNodeAsync"/>) and waits until it answers.</summary>
    public async Task RestartStoppedNodesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _cluster = await ClusterLauncher.UpAsync(new LaunchOptions(Directory, _shards, _replicas), TextWriter.Null, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        if (_cluster is not null)
        {
            await ClusterLauncher.DownAsync(Directory, TextWriter.Null);
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The cluster's bucket on its S3 server, through the real AWS SDK client.</summary>
    public S3ObjectStore ObjectStore() => new(new S3StoreOptions
    {
        Endpoint = Cluster.S3.Endpoint,
        Bucket = Cluster.S3.Bucket,
        AccessKey = Cluster.S3.AccessKey,
        SecretKey = Cluster.S3.SecretKey,
    });

    public ClickHouseOptions OptionsFor(NodeDescription node) => new()
    {
        Url = node.Url,
        User = Cluster.User,
        Password = Cluster.Password,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public IClickHouseClient ClientFor(NodeDescription node) => ClientFor(OptionsFor(node));

    public IClickHouseClient ClientFor(ClickHouseOptions options)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        lock (_clients)
        {
            _clients.Add(http);
        }
        return new ClickHouseDriverClient(http, options, NullLogger<ClickHouseDriverClient>.Instance);
    }
}

/// <summary>One node and the S3 server: enough for client contract tests.</summary>
public sealed class SingleNodeFixture() : EmbeddedClusterFixture(1, 1)
{
    public NodeDescription Node => Cluster.Nodes[0];
}

/// <summary>The default embedded cluster: 2 shards x 2 replicas.</summary>
public sealed class TwoByTwoClusterFixture() : EmbeddedClusterFixture(2, 2);
