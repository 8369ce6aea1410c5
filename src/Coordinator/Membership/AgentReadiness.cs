namespace ClickVault.Cluster.Coordinator.Membership;

/// <summary>Waits, on the injected clock, until the shards a run wants have connected agents.</summary>
public sealed class AgentReadiness(AgentRegistry registry, TimeProvider time)
{
    /// <summary>How often coverage is re-read between connections (an agent may also drop out).</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Returns as soon as every shard of <paramref name="wanted"/> (all known shards when empty) has a connected agent,
    /// or when <paramref name="timeout"/> has passed, with the coverage at that moment.
    /// </summary>
    public async Task<ShardCoverage> WaitAsync(IReadOnlyList<string> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnConnected(AgentMember member) => connected.TrySetResult();
            registry.Connected += OnConnected;
            try
            {
                var coverage = ClusterShards.Coverage(registry, wanted);
                var left = deadline - time.GetUtcNow();
                if (coverage.Complete || left <= TimeSpan.Zero)
                {
                    return coverage;
                }
                using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(left < Recheck ? left : Recheck, time, stopDelay.Token);
                await Task.WhenAny(connected.Task, delay).ConfigureAwait(false);
                await stopDelay.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                registry.Connected -= OnConnected;
            }
        }
    }
}
