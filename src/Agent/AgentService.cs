using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Transport;
using Microsoft.Extensions.Hosting;

namespace ClickVault.Cluster.Agent;

/// <summary>
/// The agent as a hosted service: the coordinator connection runs until the host stops (SIGTERM, Ctrl+C, StopAsync).
/// Its parts are created when it starts, after the host validated every options type, so a bad configuration is reported
/// as a whole (every bad key of every section) instead of failing on the first options value a constructor reads.
/// </summary>
public sealed class AgentService(Func<CoordinatorConnection> connection, Func<OperationExecutor> executor) : BackgroundService
{
    private OperationExecutor? _executor;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _executor = executor();
        return connection().RunAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_executor is { } running)
            {
                await running.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
