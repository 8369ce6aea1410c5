using System.Runtime.CompilerServices;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// Follows a restore to its end like <see cref="RunFollower"/> follows a run: its event stream while it lasts, then a poll of
/// <c>GET /api/restores/{id}</c> every <see cref="RunFollower.PollInterval"/>. The last update is always <see cref="RestoreFinished"/>.
/// </summary>
public sealed class RestoreFollower(RestoreClient client, TimeProvider time, Action<string> warn)
{
    public async IAsyncEnumerable<RestoreUpdate> FollowAsync(string restoreId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (var stream = client.StreamRestoreEventsAsync(restoreId, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (await TryNextAsync(stream, restoreId).ConfigureAwait(false) is { } update)
            {
                yield return update;
                if (update is RestoreFinished)
                {
                    yield break;
                }
            }
        }

        var failures = 0;
        while (true)
        {
            RestoreView? restore = null;
            try
            {
                restore = await client.GetRestoreAsync(restoreId, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (CoordinatorUnreachableException ex) when (++failures < RunFollower.MaxConsecutivePollFailures)
            {
                warn($"{ex.Message}; retrying in {RunFollower.PollInterval.TotalSeconds:0}s");
            }

            if (restore is not null)
            {
                if (IsFinished(restore))
                {
                    yield return new RestoreFinished(restore);
                    yield break;
                }

                yield return new RestorePolled(restore);
            }

            await Task.Delay(RunFollower.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A restore is over once the coordinator stamped its end.</summary>
    public static bool IsFinished(RestoreView restore) =>
        restore.FinishedAt is not null || restore.State is RunStates.Succeeded or RunStates.Failed or RunStates.Partial;

    private async Task<RestoreUpdate?> TryNextAsync(IAsyncEnumerator<RestoreUpdate> stream, string restoreId)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false) ? stream.Current : null;
        }
        catch (Exception ex) when (ex is RunStreamInterruptedException or CoordinatorUnreachableException)
        {
            warn($"the restore's event stream broke: {(ex as RunStreamInterruptedException)?.Reason ?? ((CoordinatorUnreachableException)ex).Reason}; " +
                $"polling restore {restoreId} every {RunFollower.PollInterval.TotalSeconds:0}s instead");
            return null;
        }
    }
}
