using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// <c>--json</c>: the API's own DTOs in the API's own JSON (<see cref="ApiJson"/>, snake_case), one document per
/// command. Following a run prints JSON lines: the run as started (<see cref="RunView"/>), then one
/// <see cref="RunEvent"/> per event (or a <see cref="RunView"/> per poll when the stream broke), and finally the
/// finished <see cref="RunView"/>.
/// </summary>
public sealed partial class JsonRenderer(TextWriter stdout) : IOutputRenderer
{
    public void RunStarted(RunView run) => Write(run, ApiJson.Default.RunView);

    public async Task<RunView> FollowRunAsync(RunView started, IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken)
    {
        Write(started, ApiJson.Default.RunView);
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case RunEventReceived received:
                    Write(received.Event, ApiJson.Default.RunEvent);
                    break;
                case RunPolled polled:
                    Write(polled.Run, ApiJson.Default.RunView);
                    break;
                case RunFinished finished:
                    Write(finished.Run, ApiJson.Default.RunView);
                    return finished.Run;
                default:
                    throw new InvalidOperationException($"unknown run update {update.GetType().Name}");
            }
        }

        throw new InvalidOperationException("the run updates ended without the finished run");
    }

    /// <summary>Nothing: the finished run was the last JSON line of <see cref="FollowRunAsync"/>.</summary>
    public void RunSummary(RunView run)
    {
    }

    public void Agents(IReadOnlyList<AgentView> agents, IReadOnlyList<CoordinatorNodeView> nodes) => Write(agents, ApiJson.Default.IReadOnlyListAgentView);

    public void Status(StatusView status) => Write(status, ApiJson.Default.StatusView);

    public void Backups(IReadOnlyList<BackupView> backups) => Write(backups, ApiJson.Default.IReadOnlyListBackupView);

    private void Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        stdout.Flush();
    }
}
