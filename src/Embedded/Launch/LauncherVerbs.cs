using System.Net.Http.Headers;
using System.Text;

namespace ClickVault.Cluster.Embedded.Launch;

/// <summary>The `up`, `down` and `status` verbs: parse, call the launcher, print.</summary>
public static class LauncherVerbs
{
    private const string DefaultDirectory = ".embedded";

    public static async Task<int> UpAsync(VerbArguments a)
    {
        var options = new LaunchOptions(
            a.Get("dir") ?? DefaultDirectory,
            a.GetInt("shards") ?? 2,
            a.GetInt("replicas") ?? 2,
            a.Get("cluster") ?? "clickvault");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await ClusterLauncher.UpAsync(options, Console.Out, cancel.Token).ConfigureAwait(false);
        return 0;
    }

    /// <summary>`seed`: load (more) demo rows into every shard of a running embedded cluster.</summary>
    public static async Task<int> SeedAsync(VerbArguments a)
    {
        var cluster = ClusterDescription.Read(Path.GetFullPath(a.Get("dir") ?? DefaultDirectory));
        var merges = a.Get("merges") ?? "on";
        if (merges is not ("on" or "off"))
        {
            throw new ArgumentException($"--merges must be 'on' or 'off', got '{merges}'");
        }

        await Demo.DemoData.SeedAsync(cluster, a.GetInt("rows") ?? 100_000, merges == "off", Console.Out, CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>`configs`: write coordinator and agent configs for the embedded cluster; prints the coordinator URL and operator token.</summary>
    public static Task<int> ConfigsAsync(VerbArguments a)
    {
        var directory = Path.GetFullPath(a.Get("dir") ?? DefaultDirectory);
        var cluster = ClusterDescription.Read(directory);
        var (port, token) = Demo.DemoConfigs.Write(cluster, directory, [Demo.DemoData.Database]);
        Console.WriteLine($"CLICKVAULT_COORDINATOR_URL=http://127.0.0.1:{port}");
        Console.WriteLine($"CLICKVAULT_OPERATOR_TOKEN={token}");
        Console.WriteLine($"COORDINATOR_CONFIG={Path.Combine(directory, Demo.DemoConfigs.CoordinatorFile)}");
        foreach (var node in cluster.Nodes)
        {
            Console.WriteLine($"AGENT_CONFIG_{node.Name}={Path.Combine(directory, Demo.DemoConfigs.AgentFile(node))}");
        }
        return Task.FromResult(0);
    }

    public static async Task<int> DownAsync(VerbArguments a)
    {
        await ClusterLauncher.DownAsync(a.Get("dir") ?? DefaultDirectory, Console.Out).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> StatusAsync(VerbArguments a)
    {
        var cluster = ClusterDescription.Read(Path.GetFullPath(a.Get("dir") ?? DefaultDirectory));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cluster.User}:{cluster.Password}")));
        var healthy = ClusterLauncher.IsRunning(cluster.S3);
        Console.WriteLine($"s3rver       {cluster.S3.Endpoint} {(healthy ? "running" : "stopped")}");
        foreach (var node in cluster.Nodes)
        {
            var state = "stopped";
            if (ClusterLauncher.IsRunning(node))
            {
                try
                {
                    state = "running, version " + (await http.GetStringAsync(new Uri(node.Url, "?query=SELECT%20version()")).ConfigureAwait(false)).Trim();
                }
                catch (HttpRequestException e)
                {
                    state = $"running, not answering: {e.Message}";
                }
            }
            healthy &= state.StartsWith("running, version", StringComparison.Ordinal);
            Console.WriteLine($"{node.Name,-12} {node.Url} shard={node.Shard} replica={node.Replica} {state}");
        }
        return healthy ? 0 : 1;
    }
}
