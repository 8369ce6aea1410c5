using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>The run and shard state names of the operator API, and what they mean for the CLI.</summary>
public static class RunStates
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Partial = "partial";
    public const string Cancelled = "cancelled";

    /// <summary>A run is over once the coordinator stamped its end or reports a terminal state.</summary>
    public static bool IsFinished(RunView run) =>
        run.FinishedAt is not null || run.State is Succeeded or Failed or Partial or Cancelled;

    /// <summary>
    /// Only a run that succeeded with no failed shard counts as success; failed, partial, cancelled and any state this
    /// CLI does not know do not.
    /// </summary>
    public static bool IsSuccess(RunView run) =>
        run.State == Succeeded && run.Shards.All(shard => shard.State != Failed);
}
