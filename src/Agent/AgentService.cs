using ClickVault.Cluster.Agent.Backups;
using Microsoft.Extensions.Hosting;

namespace ClickVault.Cluster.Agent;

/// <summary>
/// Stops the executor's watchers when the host stops (SIGTERM, Ctrl+C, StopAsync), after the actor system and its link
/// to the coordinator tier are gone. Operations keep running in ClickHouse; the next agent reports them.
/// </summary>
public sealed class AgentService(Func<OperationExecutor> executor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => executor().DisposeAsync().AsTask();
}
