using System.Runtime.CompilerServices;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// Follows a run to its end: the coordinator's event stream while it lasts, then — if it breaks before
/// <c>event: end</c> (or cannot be opened because the connection failed) — a poll of <c>GET /api/runs/{id}</c> every <see cref="PollInterval"/> until the run finished.
/// The last update is always <see cref="RunFinished"/>.
/// </summary>
public sealed class RunFollower(CoordinatorClient client, TimeProvider time, Action<string> warn)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive unreachable polls tolerated (a coordinator restarting mid-run) before giving up with exit 3.</summary>
    public const int MaxConsecutivePollFailures = 10;

    public async IAsyncEnumerable<RunUpdate> FollowAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (var stream = client.StreamRunEventsAsync(runId, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (await TryNextAsync(stream, runId).ConfigureAwait(false) is { } update)
            {
                yield return update;
                if (update is RunFinished)
                {
                    yield break;
                }
            }
        }

        await foreach (var update in PollAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private async Task<RunUpdate?> TryNextAsync(IAsyncEnumerator<RunUpdate> stream, string runId)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false) ? stream.Current : null;
        }
        catch (RunStreamInterruptedException ex)
        {
            warn($"{ex.Message}; polling run {runId} every {PollInterval.TotalSeconds:0}s instead");
            return null;
        }
        catch (CoordinatorUnreachableException ex)
        {
            // The connection died while the stream was being opened (e.g. the coordinator restarted right after
            // accepting the run): polling tolerates a coordinator that comes back.
            warn($"the run's event stream broke: {ex.Reason}; polling run {runId} every {PollInterval.TotalSeconds:0}s instead");
            return null;
        }
    }

    private async IAsyncEnumerable<RunUpdate> PollAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var run = await TryPollAsync(runId, failures, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                failures++;
            }
            else
            {
                failures = 0;
                if (RunStates.IsFinished(run))
                {
                    yield return new RunFinished(run);
                    yield break;
                }

                yield return new RunPolled(run);
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Shared.Api.RunView?> TryPollAsync(string runId, int failuresSoFar, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        }
        catch (CoordinatorUnreachableException ex) when (failuresSoFar + 1 < MaxConsecutivePollFailures)
        {
            warn($"{ex.Message}; retrying in {PollInterval.TotalSeconds:0}s");
            return null;
        }
    }
}
