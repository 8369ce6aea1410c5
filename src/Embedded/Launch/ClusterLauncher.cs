using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>What `up` brings up: S shards x R replicas in a directory that keeps data between stop and start.</summary>
public sealed record LaunchOptions(string Directory, int Shards = 2, int Replicas = 2, string Cluster = "clickvault")
{
    public const string Bucket = "clickvault";
    public const string BackupDisk = "backups";
}

/// <summary>Brings the embedded cluster up (S3 server first, then every node in parallel) and down again, by PID.</summary>
public static class ClusterLauncher
{
    private const string NodeMarker = "clickvault-embedded";
    private const string S3Marker = "s3rver";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    public static async Task<ClusterDescription> UpAsync(LaunchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(directory);
        var cluster = File.Exists(Path.Combine(directory, ClusterDescription.FileName))
            ? ClusterDescription.Read(directory)
            : Plan(options, directory);
        var clock = Stopwatch.StartNew();

        if (!ProcessControl.IsRunning(cluster.S3.Pid, S3Marker))
        {
            Directory.CreateDirectory(cluster.S3.DataDir);
            var pid = ProcessControl.StartDetached(
                Path.Combine(RepoPaths.Tools(), ".bin", "s3rver"),
                ["-d", cluster.S3.DataDir, "-a", "127.0.0.1", "-p", Port(cluster.S3.Port), "--configure-bucket", cluster.S3.Bucket],
                Path.Combine(directory, "s3rver.log"),
                new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
            cluster = cluster with { S3 = cluster.S3 with { Pid = pid } };
            cluster.Write(directory);
            await WaitUntilAnswersAsync(new Uri(cluster.S3.Endpoint), pid, "s3rver", cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"s3rver       {cluster.S3.Endpoint} bucket={cluster.S3.Bucket} pid={pid}").ConfigureAwait(false);
        }

        var started = cluster.Nodes.Select(n => ProcessControl.IsRunning(n.Pid, NodeMarker) ? n : StartNode(cluster, WithOwnConfigDirectory(n))).ToList();
        cluster = cluster with { Nodes = started };
        cluster.Write(directory);
        await Task.WhenAll(started.Select(n =>
            WaitUntilAnswersAsync(new Uri(n.Url, "ping"), n.Pid, n.Name, cancellationToken))).ConfigureAwait(false);
        foreach (var n in started)
        {
            await log.WriteLineAsync($"{n.Name,-12} {n.Url} shard={n.Shard} replica={n.Replica} pid={n.Pid}").ConfigureAwait(false);
        }
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"cluster '{cluster.Cluster}' up: {cluster.ShardCount} shards x {options.Replicas} replicas in {clock.ElapsedMilliseconds} ms; described in {Path.Combine(directory, ClusterDescription.FileName)}")).ConfigureAwait(false);
        return cluster;
    }

    public static async Task DownAsync(string directoryPath, TextWriter log)
    {
        var directory = Path.GetFullPath(directoryPath);
        var cluster = ClusterDescription.Read(directory);
        var stopped = await Task.WhenAll(cluster.Nodes.Select(async n =>
            (n.Name, Stopped: await ProcessControl.StopAsync(n.Pid, NodeMarker, StopGrace).ConfigureAwait(false)))).ConfigureAwait(false);
        var s3Stopped = await ProcessControl.StopAsync(cluster.S3.Pid, S3Marker, StopGrace).ConfigureAwait(false);
        foreach (var (name, wasRunning) in stopped.Append(("s3rver", s3Stopped)))
        {
            await log.WriteLineAsync($"{name,-12} {(wasRunning ? "stopped" : "was not running")}").ConfigureAwait(false);
        }
        cluster.Write(directory);
    }

    public static bool IsRunning(NodeDescription node) => ProcessControl.IsRunning(node.Pid, NodeMarker);

    /// <summary>kill -9 of one node of the cluster in <paramref name="directoryPath"/> (its PID as described there); <see cref="UpAsync"/> restarts it.</summary>
    public static async Task<bool> KillNodeAsync(string directoryPath, string node)
    {
        var described = ClusterDescription.Read(Path.GetFullPath(directoryPath)).Nodes.Single(n => n.Name == node);
        return await ProcessControl.KillAsync(described.Pid, NodeMarker).ConfigureAwait(false);
    }

    public static bool IsRunning(S3Description s3) => ProcessControl.IsRunning(s3.Pid, S3Marker);

    private static ClusterDescription Plan(LaunchOptions options, string directory)
    {
        var ports = ProcessControl.FreeLoopbackPorts(1 + (2 * options.Shards * options.Replicas));
        var nodes = new List<NodeDescription>();
        for (var s = 1; s <= options.Shards; s++)
        {
            for (var r = 1; r <= options.Replicas; r++)
            {
                var i = nodes.Count;
                var name = $"s{s}r{r}";
                var nodeDir = Path.Combine(directory, "nodes", name);
                nodes.Add(new NodeDescription(name, s, $"replica-{r}", ports[1 + (2 * i)], ports[2 + (2 * i)], 0,
                    Path.Combine(nodeDir, "data"), Path.Combine(nodeDir, "etc", "config.xml"), Path.Combine(nodeDir, "node.log")));
            }
        }
        var s3 = new S3Description($"http://127.0.0.1:{Port(ports[0])}", LaunchOptions.Bucket, "S3RVER", "S3RVER", ports[0], 0,
            Path.Combine(directory, "s3"));
        return new ClusterDescription(options.Cluster, "default", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            LaunchOptions.BackupDisk, string.Empty, s3, nodes);
    }

    /// <summary>
    /// A node's config lives in a directory of its own (<c>{node}/etc/</c>, what its agent sends with backups); clusters
    /// described before that kept it next to the data and move it on their next start.
    /// </summary>
    private static NodeDescription WithOwnConfigDirectory(NodeDescription node) =>
        Path.GetFileName(Path.GetDirectoryName(node.ConfigFile)) == "etc"
            ? node
            : node with { ConfigFile = Path.Combine(Path.GetDirectoryName(node.DataDir)!, "etc", "config.xml") };

    private static NodeDescription StartNode(ClusterDescription cluster, NodeDescription node)
    {
        Directory.CreateDirectory(node.DataDir);
        Directory.CreateDirectory(Path.GetDirectoryName(node.ConfigFile)!);
        NodeConfigXml.Build(cluster, node).Save(node.ConfigFile);
        var pid = ProcessControl.StartDetached(
            ProcessControl.DotnetHost(),
            [typeof(ClusterLauncher).Assembly.Location, "node", "--name", node.Name, "--port", Port(node.HttpPort),
             "--path", node.DataDir, "--config", node.ConfigFile, "--lib", RepoPaths.ChdbLibrary(), "--user", cluster.User],
            node.LogFile,
            new Dictionary<string, string> { [Http.NodeOptions.PasswordVariable] = cluster.Password });
        return node with { Pid = pid };
    }

    private static async Task WaitUntilAnswersAsync(Uri url, int pid, string name, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (!ProcessControl.IsAlive(pid))
            {
                throw new InvalidOperationException($"{name} (pid {pid}) exited during start-up; see its log");
            }
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{name} did not answer {url} within {StartTimeout.TotalSeconds} s");
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
