using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// <c>--json</c> for the operator tools: the API's DTOs in the API's JSON, one document per command. <c>logs</c> prints
/// JSON lines, one <see cref="RunEvent"/> per line (also while following; nothing else, so every line parses the same).
/// </summary>
public sealed class JsonOperationsRenderer(TextWriter stdout) : IOperationsRenderer
{
    public void RunDescription(RunDescription run) => Write(run, DescribeJson.Default.RunDescription);

    public void BackupDescription(BackupDescription backup) => Write(backup, DescribeJson.Default.BackupDescription);

    public void Check(CheckView check) => Write(check, CheckJson.Default.CheckView);

    public void RunLog(RunLogView log, string? shard)
    {
        foreach (var runEvent in log.Events)
        {
            Write(runEvent, ApiJson.Default.RunEvent);
        }
    }

    public async Task<RunView> FollowLogAsync(IAsyncEnumerable<RunUpdate> updates, CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case RunEventReceived received:
                    Write(received.Event, ApiJson.Default.RunEvent);
                    break;
                case RunPolled:
                    break;
                case RunFinished finished:
                    return finished.Run;
                default:
                    throw new InvalidOperationException($"unknown run update {update.GetType().Name}");
            }
        }

        throw new InvalidOperationException("the run updates ended without the finished run");
    }

    public void CancelRequested(CancelRunView cancel) => Write(cancel, CancelJson.Default.CancelRunView);

    private void Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        stdout.Flush();
    }
}
