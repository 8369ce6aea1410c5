using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary><c>logs</c> for people: one plain line per event, with the full UTC time (runs span midnight).</summary>
public static class LogLines
{
    public static string Line(RunEvent runEvent) =>
        $"{DisplayFormat.Timestamp(runEvent.At)} {runEvent.Kind,-20} {runEvent.Message}";

    public static string Empty(RunLogView log, string? shard) =>
        shard is null ? $"run {log.RunId} ({log.State}) has no events yet" : $"run {log.RunId} ({log.State}) has no events of shard {shard}";

    public static string Finished(RunView run) => $"run {run.RunId} finished {run.State}";
}
