using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>What following a run yields: live events, polled snapshots, and finally the finished run.</summary>
public abstract record RunUpdate;

/// <summary>One event from the coordinator's event stream (<c>event: run</c>).</summary>
public sealed record RunEventReceived(RunEvent Event) : RunUpdate;

/// <summary>The run as a poll of <c>GET /api/runs/{id}</c> saw it, after the event stream broke.</summary>
public sealed record RunPolled(RunView Run) : RunUpdate;

/// <summary>The run finished (<c>event: end</c>, or a poll saw a finished state). Always the last update.</summary>
public sealed record RunFinished(RunView Run) : RunUpdate;

/// <summary>The event stream broke before <c>event: end</c>; the follower falls back to polling.</summary>
public sealed class RunStreamInterruptedException(string reason, Exception? innerException = null)
    : Exception($"the run's event stream broke: {reason}", innerException)
{
    public string Reason { get; } = reason;
}
