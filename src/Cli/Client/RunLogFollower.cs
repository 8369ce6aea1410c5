using System.Runtime.CompilerServices;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// <c>logs --follow</c>: after the events already shown (<see cref="RunLogView"/>), the active run's live events from
/// <see cref="RunFollower"/> — only those newer than the last one shown and, with a shard, only that shard's — then the
/// finished run. Polled snapshots (when the event stream broke) pass through.
/// </summary>
public sealed class RunLogFollower(RunFollower follower)
{
    public async IAsyncEnumerable<RunUpdate> FollowAsync(RunLogView shown, string? shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = shown.Events.Count == 0 ? 0 : shown.Events.Max(e => e.Sequence);
        await foreach (var update in follower.FollowAsync(shown.RunId, cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case RunEventReceived { Event: var e }:
                    if (e.Sequence > last && (shard is null || e.Shard == shard))
                    {
                        last = e.Sequence;
                        yield return update;
                    }

                    break;
                case RunFinished:
                    yield return update;
                    yield break;
                default:
                    yield return update;
                    break;
            }
        }
    }
}
