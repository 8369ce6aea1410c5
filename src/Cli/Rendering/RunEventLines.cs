using System.Text;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// Following a run when stdout is not a terminal: one plain line per event (or per changed shard of a polled
/// snapshot), flushed at once so <c>| tee</c> and CI logs see progress live.
/// </summary>
public sealed class RunEventLines(TextWriter output, TimeProvider time)
{
    public async Task<RunView> FollowAsync(RunView started, IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken)
    {
        var board = new RunBoard(started);
        Write(StartedLine(started));
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case RunEventReceived { Event: var runEvent }:
                    if (runEvent.ShardState is { } shardState)
                    {
                        board.Update(shardState);
                    }

                    Write(EventLine(runEvent));
                    break;
                case RunPolled polled:
                    WriteChanges(board, polled.Run);
                    break;
                case RunFinished finished:
                    WriteChanges(board, finished.Run);
                    Write($"{DisplayFormat.Clock(time.GetUtcNow())} run {finished.Run.RunId}: finished {finished.Run.State}");
                    return finished.Run;
                default:
                    throw new InvalidOperationException($"unknown run update {update.GetType().Name}");
            }
        }

        throw new InvalidOperationException("the run updates ended without the finished run");
    }

    public static string StartedLine(RunView run)
    {
        var shards = run.Shards.Count == 0
            ? "the coordinator plans the shards"
            : $"shards {string.Join(", ", RunTables.Ordered(run.Shards).Select(shard => shard.Shard))}";
        var full = run.FullRequested ? ", full backup requested" : string.Empty;
        return $"run {run.RunId} started on cluster {run.Cluster} ({shards}{full})";
    }

    public static string EventLine(RunEvent runEvent)
    {
        var line = new StringBuilder(DisplayFormat.Clock(runEvent.At)).Append(' ');
        line.Append(runEvent.Shard is { } shard ? $"shard {shard}" : $"run {runEvent.RunId}").Append(": ").Append(runEvent.Message);
        if (runEvent.ShardState is { } state)
        {
            line.Append(' ').Append(ShardDetail(state));
        }

        return line.ToString();
    }

    /// <summary><c>[running 45%, 1,204 files, 1.2 GiB written]</c>, with the error for a failed shard.</summary>
    public static string ShardDetail(ShardRunView shard)
    {
        var parts = new List<string> { shard.Progress is null ? shard.State : $"{shard.State} {DisplayFormat.Percent(shard.Progress)}" };
        if (shard.NumFiles > 0 || shard.BytesWritten > 0)
        {
            parts.Add($"{DisplayFormat.Count(shard.NumFiles)} files");
            parts.Add($"{DisplayFormat.Bytes(shard.BytesWritten)} written");
        }

        if (shard.Error is { Length: > 0 } error)
        {
            parts.Add($"error: {error}");
        }

        return $"[{string.Join(", ", parts)}]";
    }

    private void WriteChanges(RunBoard board, RunView run)
    {
        var now = DisplayFormat.Clock(time.GetUtcNow());
        foreach (var shard in board.Changes(run))
        {
            Write($"{now} shard {shard.Shard}: {ShardDetail(shard)}");
        }
    }

    private void Write(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
