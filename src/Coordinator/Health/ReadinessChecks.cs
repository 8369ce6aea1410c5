using Akka.Actor;
using Akka.Cluster;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ClickVault.Cluster.Coordinator.Health;

/// <summary>The bucket answers a one-key listing: the catalog and the run journal can be read and written.</summary>
public sealed class S3ReadinessCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await store.ListPageAsync(new ListRequest("", MaxKeys: 1), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"bucket {store.Bucket} answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Store errors name the bucket and key, never the credentials.
            return HealthCheckResult.Unhealthy($"bucket {store.Bucket} does not answer: {e.Message}");
        }
    }
}

/// <summary>This node is an Up member of the coordinator tier (not joining, leaving or removed).</summary>
public sealed class ClusterMemberReadinessCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var self = AkkaCluster.Get(system).SelfMember;
        return Task.FromResult(self.Status == MemberStatus.Up
            ? HealthCheckResult.Healthy($"{self.Address} is up")
            : HealthCheckResult.Unhealthy($"{self.Address} is {self.Status.ToString().ToLowerInvariant()}, not up"));
    }
}

/// <summary>The runs singleton answers through its proxy, wherever in the tier it lives.</summary>
public sealed class SingletonReadinessCheck(CoordinatorRuntime runtime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.GetRunsAsync(1, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("the runs singleton answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the runs singleton does not answer: {e.Message}");
        }
    }
}
