using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;
using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// Following a run on a terminal: a Spectre <see cref="Progress"/> with one task per shard ("shard N replica kind"),
/// its bar from <see cref="ShardRunView.Progress"/> (indeterminate while unknown) and its state text. Run-level
/// messages are printed under the bars once the run ended (a live display must not be interleaved with output).
/// </summary>
public sealed class LiveRunProgress(IAnsiConsole console)
{
    private const double Full = 100;

    public async Task<RunView> FollowAsync(RunView started, IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken)
    {
        var stateColumn = new ShardStateColumn();
        var runMessages = new List<string>();
        var progress = new Progress(console)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), stateColumn);

        console.WriteLine(RunEventLines.StartedLine(started));
        var finished = await progress.StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            Show(context, tasks, stateColumn, started.Shards);
            await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                switch (update)
                {
                    case RunEventReceived { Event: var runEvent }:
                        if (runEvent.ShardState is { } shard)
                        {
                            Show(context, tasks, stateColumn, [shard]);
                        }
                        else
                        {
                            runMessages.Add($"{DisplayFormat.Clock(runEvent.At)} {runEvent.Message}");
                        }

                        break;
                    case RunPolled polled:
                        Show(context, tasks, stateColumn, polled.Run.Shards);
                        break;
                    case RunFinished done:
                        Show(context, tasks, stateColumn, done.Run.Shards);
                        return done.Run;
                    default:
                        throw new InvalidOperationException($"unknown run update {update.GetType().Name}");
                }
            }

            throw new InvalidOperationException("the run updates ended without the finished run");
        }).ConfigureAwait(false);

        foreach (var message in runMessages)
        {
            console.WriteLine(message);
        }

        return finished;
    }

    private static void Show(ProgressContext context, Dictionary<string, ProgressTask> tasks, ShardStateColumn column, IEnumerable<ShardRunView> shards)
    {
        foreach (var shard in RunTables.Ordered(shards))
        {
            var description = Markup.Escape($"shard {shard.Shard} {DisplayFormat.Text(shard.Replica)} {DisplayFormat.Text(shard.Kind)}");
            if (!tasks.TryGetValue(shard.Shard, out var task))
            {
                task = context.AddTask(description, autoStart: true, maxValue: Full);
                tasks[shard.Shard] = task;
            }

            task.Description = description;
            switch (shard.State)
            {
                case RunStates.Succeeded:
                    task.IsIndeterminate = false;
                    task.Value = Full;
                    task.StopTask();
                    column.Set(task, RunEventLines.ShardDetail(shard), new Style(Color.Green));
                    break;
                case RunStates.Failed:
                    task.IsIndeterminate = false;
                    task.StopTask();
                    column.Set(task, RunEventLines.ShardDetail(shard), new Style(Color.Red));
                    break;
                default:
                    task.IsIndeterminate = shard.Progress is null;
                    task.Value = shard.Progress is { } fraction ? Math.Clamp(fraction, 0, 1) * Full : task.Value;
                    column.Set(task, RunEventLines.ShardDetail(shard), Style.Plain);
                    break;
            }
        }
    }
}
