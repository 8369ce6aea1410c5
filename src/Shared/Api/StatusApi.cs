namespace ClickVault.Cluster.Shared.Api;

/// <summary>
/// A run notification that did not reach its target (kept by the coordinator, newest first, until it restarts).
/// <see cref="LastError"/> is already redacted: no URL secrets, tokens or keys.
/// </summary>
public sealed record UndeliveredNotificationView(
    string RunId,
    string Outcome,
    string Target,
    int Attempts,
    string? LastError,
    DateTimeOffset At);
