using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// The operator tools for people. Server text is rendered as text, never as markup; log lines are plain and flushed at
/// once so <c>| grep</c> and <c>| tee</c> see them live.
/// </summary>
public sealed class HumanOperationsRenderer(IAnsiConsole console, TextWriter output, TimeProvider time) : IOperationsRenderer
{
    public void RunDescription(RunDescription run)
    {
        console.WriteLine(DescribeLayout.RunHeadline(run));
        console.WriteLine(DescribeLayout.RunTimes(run));
        if (run.Shards.Count == 0)
        {
            console.WriteLine("The run has no shards.");
            return;
        }

        console.Write(DescribeLayout.Shards(run));
        foreach (var shard in run.Shards.OrderBy(s => s.Shard, ShardOrder.Instance))
        {
            console.WriteLine();
            console.WriteLine($"Shard {shard.Shard}:");
            console.Write(DescribeLayout.Fields(shard));
        }
    }

    public void BackupDescription(BackupDescription backup)
    {
        console.WriteLine(DescribeLayout.BackupHeadline(backup));
        console.Write(DescribeLayout.Fields(backup));
    }

    public void Check(CheckView check)
    {
        console.WriteLine(CheckTables.Headline(check));
        if (check.Problem is { } problem)
        {
            console.WriteLine(problem);
        }

        if (check.Shards.Count > 0)
        {
            console.Write(CheckTables.Shards(check));
        }
    }

    public void RunLog(RunLogView log, string? shard)
    {
        if (log.Events.Count == 0)
        {
            Write(LogLines.Empty(log, shard));
            return;
        }

        foreach (var runEvent in log.Events)
        {
            Write(LogLines.Line(runEvent));
        }
    }

    public async Task<RunView> FollowLogAsync(IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken)
    {
        RunBoard? board = null;
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case RunEventReceived received:
                    Write(LogLines.Line(received.Event));
                    break;
                case RunPolled polled:
                    board ??= new RunBoard(polled.Run with { Shards = [] });
                    var now = DisplayFormat.Timestamp(time.GetUtcNow());
                    foreach (var shard in board.Changes(polled.Run))
                    {
                        Write($"{now} {"shard.polled",-20} shard {shard.Shard}: {RunEventLines.ShardDetail(shard)}");
                    }

                    break;
                case RunFinished finished:
                    Write(LogLines.Finished(finished.Run));
                    return finished.Run;
                default:
                    throw new InvalidOperationException($"unknown run update {update.GetType().Name}");
            }
        }

        throw new InvalidOperationException("the run updates ended without the finished run");
    }

    public void CancelRequested(CancelRunView cancel)
    {
        var run = cancel.Run;
        Write($"cancel requested for run {run.RunId} (now {run.State}):");
        foreach (var shard in cancel.Shards.OrderBy(s => s.Shard, ShardOrder.Instance))
        {
            Write($"  shard {shard.Shard} ({DisplayFormat.Text(shard.Replica)}): {shard.Action}: {shard.Detail}");
        }

        if (!RunStates.IsFinished(run))
        {
            Write($"the run ends once every shard has stopped: 'clickvault logs --follow --run {run.RunId}' shows it, 'clickvault describe {run.RunId}' the outcome");
        }
    }

    private void Write(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
