using ClickVault.Cluster.Shared.ClickHouse;

namespace ClickVault.Cluster.Agent.Health;

/// <summary>Whether the local ClickHouse answers, as each heartbeat reports it.</summary>
public sealed record ClickHouseHealth(bool Reachable, string? Error)
{
    public static ClickHouseHealth Ok { get; } = new(true, null);
}

/// <summary>Asks the local ClickHouse whether it answers.</summary>
public interface IClickHouseProbe
{
    Task<ClickHouseHealth> CheckAsync(CancellationToken cancellationToken);
}

/// <summary><c>SELECT 1</c> with a short timeout; any ClickHouse failure is a "not reachable" with its (redacted) message.</summary>
public sealed class ClickHouseProbe(IClickHouseClient client) : IClickHouseProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<ClickHouseHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.ExecuteAsync(new ClickHouseQuery("SELECT 1") { Timeout = Timeout }, cancellationToken).ConfigureAwait(false);
            return ClickHouseHealth.Ok;
        }
        catch (ClickHouseException e)
        {
            return new ClickHouseHealth(false, e.Message);
        }
    }
}
