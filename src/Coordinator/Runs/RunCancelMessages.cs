using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>Operator → runs → the active run: cancel it. <see cref="RunId"/> may be "latest". Reply: <see cref="RunCancelAccepted"/> or <see cref="RunCancelRejected"/>.</summary>
public sealed record CancelRun(string RunId);

public sealed record RunCancelAccepted(CancelRunView View);

/// <summary>Why nothing was cancelled; <see cref="Code"/>: not_found, run_not_active.</summary>
public sealed record RunCancelRejected(string Code, string Message);
