using System.Globalization;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>What the watch of one operation has seen of its server: since when every poll failed, and polls in a row without a record.</summary>
public sealed record WatchState(DateTimeOffset? UnreachableSince, int UnknownPolls)
{
    public static WatchState Fresh { get; } = new(null, 0);
}

/// <summary>The watch's next state, and the report to announce (null: nothing to say yet, keep polling).</summary>
public sealed record WatchStep(WatchState State, OperationReport? Report);

/// <summary>
/// Pure decisions of a watch, one per poll, on the injected clock: a server that stops answering is waited for up to the
/// unreachable timeout, measured from the first failed poll, then the operation is reported failed; a server that answers
/// without a record of the operation lost it (system.backups is in memory), at once when it had stopped answering before.
/// Either failure is marked <see cref="OperationReport.ServerLost"/>, so the coordinator may retry it on another replica.
/// </summary>
public static class WatchDecisions
{
    /// <summary>Polls in a row that must find no record before a watched operation counts as lost (server restarted).</summary>
    public const int LostAfterPolls = 3;

    /// <summary>For operations the coordinator gave no timeout (restores, older coordinators): the coordinator's default.</summary>
    public static readonly TimeSpan DefaultUnreachableTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A poll that could not read the operation; <paramref name="error"/> is the client's (redacted) text.</summary>
    public static WatchStep Unreachable(WatchState state, OperationReport last, string error, DateTimeOffset now, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(last);
        var since = state.UnreachableSince ?? now;
        var next = state with { UnreachableSince = since, UnknownPolls = 0 };
        var down = now - since;
        return down < timeout
            ? new WatchStep(next, null)
            : new WatchStep(next, Lost(last, string.Create(CultureInfo.InvariantCulture,
                $"the local ClickHouse has been unreachable for {Seconds(down)} (every poll since {since:yyyy-MM-dd HH:mm:ss}Z failed; the last: {error})"), now));
    }

    /// <summary>A poll that read the operation as the server knows it (<see cref="OperationState.Unknown"/>: no record).</summary>
    public static WatchStep Found(WatchState state, OperationReport last, OperationReport found, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(found);
        if (found.State != OperationState.Unknown)
        {
            return new WatchStep(WatchState.Fresh, found);
        }

        if (state.UnreachableSince is { } since)
        {
            // It was down and is back without the operation: it restarted, nothing is left to wait for.
            return new WatchStep(WatchState.Fresh, Lost(last, string.Create(CultureInfo.InvariantCulture,
                $"the local ClickHouse was unreachable from {since:yyyy-MM-dd HH:mm:ss}Z and is back without a record of operation {last.OperationId} (it restarted; system.backups does not survive a restart)"), now));
        }

        var unknown = state.UnknownPolls + 1;
        return unknown < LostAfterPolls
            ? new WatchStep(state with { UnknownPolls = unknown }, null)
            : new WatchStep(WatchState.Fresh, Lost(last,
                $"the local ClickHouse has no record of operation {last.OperationId} any more (restarted while it ran?)", now));
    }

    private static OperationReport Lost(OperationReport last, string error, DateTimeOffset now) =>
        last with { State = OperationState.Failed, Error = error, FinishedAt = now, ServerLost = true };

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds} s");
}
