using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Coordinator;
using Microsoft.Extensions.DependencyInjection;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// A real coordinator whose object store is wrapped in a <see cref="CountingObjectStore"/> (outside the retries: a request
/// retried would count once; none are on loopback), with <see cref="StandInAgents"/> for its shards. Fresh, so its chain
/// entities have nothing cached: what an operation costs on a coordinator that just started.
/// </summary>
public sealed class CountedCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private CountedCoordinator(InProcessCoordinator coordinator, StandInAgents agents)
    {
        Coordinator = coordinator;
        Agents = agents;
        Requests = coordinator.Services.GetRequiredService<CountingObjectStore>();
    }

    public InProcessCoordinator Coordinator { get; }

    public StandInAgents Agents { get; }

    public CountingObjectStore Requests { get; }

    public static async Task<CountedCoordinator> StartAsync(S3StoreOptions s3, string cluster, string prefix, int shards)
    {
        var coordinator = await InProcessCoordinator.StartAsync(cluster, s3, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["backup:databases:0"] = "bench",
            ["backup:prefix"] = prefix,
            ["backup:destination"] = "disk",
            // Stand-ins send no heartbeats: they must not time out while an operation runs.
            ["coordinator:agent_timeout"] = "01:00:00",
        }, services: CountRequests);
        var agents = StandInAgents.Register(coordinator.Services.GetRequiredService<AgentRegistry>(), cluster, shards);
        return new CountedCoordinator(coordinator, agents);
    }

    /// <summary>The requests <paramref name="operation"/> made, once the coordinator's start-up reads have settled.</summary>
    public async Task<ObjectStoreRequestCounts> CountAsync(Func<Task> operation)
    {
        long settled;
        do
        {
            settled = Requests.Counts.Total;
            await Task.Delay(Quiet);
        }
        while (Requests.Counts.Total != settled);
        Requests.Reset();
        await operation();
        return Requests.Reset();
    }

    public ValueTask DisposeAsync() => Coordinator.DisposeAsync();

    private static void CountRequests(IServiceCollection services)
    {
        var store = services.Last(d => d.ServiceType == typeof(IObjectStore));
        services.Remove(store);
        services.AddSingleton(sp => new CountingObjectStore((IObjectStore)store.ImplementationFactory!(sp)));
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<CountingObjectStore>());
    }
}
