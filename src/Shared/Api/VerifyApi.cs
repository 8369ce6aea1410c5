using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Catalog;

namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// The operator API of verification (token-protected like <see cref="OperatorRoutes"/>); errors are <see cref="ApiError"/>s:
/// 400 invalid_request, 404 unknown_run / no_backup, 409 verify_active / restore_active / replica_unavailable.
/// </summary>
public static class VerifyRoutes
{
    /// <summary>
    /// POST <see cref="StartVerifyRequest"/> → 200 <see cref="VerifyReportView"/> once every shard was restored into
    /// scratch, compared and cleaned up (the call runs to the end: minutes for big backups).
    /// </summary>
    public const string Verifications = "/api/verifications";
}

/// <summary>
/// Verify <see cref="Run"/> (a run id or <c>latest</c>) on every shard, or only on <see cref="Shard"/>; with <see cref="Content"/>
/// every row of the scratch copy is also read, counted and summed.
/// </summary>
public sealed record StartVerifyRequest(string Run, string? Shard = null, bool Content = false);

/// <summary>A verification: passed when every shard passed.</summary>
public sealed record VerifyReportView(
    string VerificationId,
    string Cluster,
    string Run,
    bool Passed,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<VerifyShardView> Shards);

/// <summary>
/// One shard: the backup restored (<see cref="RunId"/>, <see cref="Prefix"/>) on <see cref="Replica"/> into
/// <see cref="ScratchDatabases"/> (dropped afterwards), each table compared with the sidecar's figures.
/// <see cref="Error"/> says why the shard failed as a whole (no backup, RESTORE failed: <see cref="RestoreError"/>).
/// </summary>
public sealed record VerifyShardView(
    string Shard,
    string? RunId,
    string? Prefix,
    string? Replica,
    bool Passed,
    double Seconds,
    string? Error,
    string? RestoreError,
    IReadOnlyList<string> ScratchDatabases,
    IReadOnlyList<VerifyTableView> Tables)
{
    /// <summary>Scratch databases an interrupted verification had left on the replica, dropped before this one restored.</summary>
    public IReadOnlyList<string> LeftoversDropped { get; init; } = [];
}

/// <summary>
/// One table: rows recorded (<c>10</c>, or <c>10..12</c> when inserts ran during the backup) and restored, the checksum
/// comparison (<c>match</c>, <c>mismatch</c>, or <c>not compared: why</c>), and <see cref="Problem"/> when it failed.
/// </summary>
public sealed record VerifyTableView(
    string Database,
    string Table,
    bool Passed,
    string RecordedRows,
    ulong? RestoredRows,
    string Checksum,
    string? Problem);

/// <summary>The last verified restore of a backup, as list and describe show it.</summary>
public sealed record LastVerifiedView(DateTimeOffset At, bool Passed, string Replica, string Summary)
{
    public static LastVerifiedView? From(LastVerification? verification) =>
        verification is null ? null : new(verification.At, verification.Passed, verification.Replica, verification.Summary);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(StartVerifyRequest))]
[JsonSerializable(typeof(VerifyReportView))]
[JsonSerializable(typeof(VerifyShardView))]
public sealed partial class VerifyApiJson : JsonSerializerContext;
