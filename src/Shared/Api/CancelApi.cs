using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Api;

/// <summary><c>clickvault cancel</c>: stop the active run.</summary>
public static class CancelRoutes
{
    /// <summary>
    /// POST (no body) → 202 <see cref="CancelRunView"/>; <c>{runId}</c> may be "latest". 404 when the run is unknown,
    /// 409 (code run_not_active) when it already finished.
    /// </summary>
    public const string CancelRun = "/api/runs/{runId}/cancel";

    public static string CancelRunPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/cancel";
}

/// <summary>
/// What a cancel request did, per shard. Action: "signalled" (the replica was told to KILL the backup query; a backup
/// that is nearly done may still finish and then counts as succeeded), "not_dispatched" (failed as cancelled before it
/// started), "unreachable" (the replica is not connected: failed here, the backup may still run there and is never
/// catalogued), "finished" (it had already ended). The run ends once every shard has ended.
/// </summary>
public sealed record CancelRunView(RunView Run, IReadOnlyList<ShardCancelView> Shards);

public sealed record ShardCancelView(string Shard, string? Replica, string Action, string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(CancelRunView))]
public sealed partial class CancelJson : JsonSerializerContext;
