using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary><c>clickvault logs</c>: the structured events of a run, live or stored.</summary>
public static class RunLogRoutes
{
    /// <summary>
    /// GET [?shard=N] → <see cref="RunLogView"/>; <c>{runId}</c> may be "latest". 404 when the run is unknown, or
    /// (code no_events) when its events were not kept. Live events of an active run stream from <see cref="OperatorRoutes.RunEvents"/>.
    /// </summary>
    public const string RunLog = "/api/runs/{runId}/log";

    public static string RunLogPath(string runId, string? shard) =>
        $"/api/runs/{Uri.EscapeDataString(runId)}/log" + (shard is null ? string.Empty : $"?shard={Uri.EscapeDataString(shard)}");
}

/// <summary>
/// A run's events so far (oldest first), filtered to one shard when asked. <see cref="Source"/>: "coordinator" (kept in
/// memory since this coordinator started) or "archive" (<c>events/{ts}.json</c> in S3, written when the run finished).
/// </summary>
public sealed record RunLogView(string RunId, string State, bool Finished, string Source, IReadOnlyList<RunEvent> Events);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(RunLogView))]
public sealed partial class RunLogJson : JsonSerializerContext;
