using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.RunOnce;

/// <summary>What <c>--run-once</c> was asked to back up.</summary>
public sealed record RunOnceRequest(bool Full, IReadOnlyList<string> Shards);

/// <summary>How run-once ended: the process exit code (<see cref="CoordinatorExitCodes"/>), why, and the run if one ran.</summary>
public sealed record RunOnceResult(int ExitCode, string Message, RunView? Run);

/// <summary>
/// One cluster run on a started coordinator, for cron, systemd timers and Kubernetes CronJobs: waits for agents,
/// starts the run (after a run resumed from the journal, if one is open), follows it until the manifest and the
/// notification are written, and maps the outcome to an exit code.
/// </summary>
public sealed partial class RunOnceUseCase(
    CoordinatorRuntime runtime,
    AgentReadiness readiness,
    RunEventHub events,
    IOptions<RunOnceOptions> options,
    TimeProvider time,
    ILogger<RunOnceUseCase> logger)
{
    public const string Trigger = "run-once";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxStartAttempts = 5;

    public async Task<RunOnceResult> ExecuteAsync(RunOnceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = options.Value.AgentTimeout;
        var deadline = time.GetUtcNow() + timeout;
        var coverage = await readiness.WaitAsync(request.Shards, timeout, cancellationToken).ConfigureAwait(false);
        if (coverage.Covered.Count == 0)
        {
            var shards = coverage.Target.Count == 0 ? "no shard is known yet" : $"shard(s) without an agent: {string.Join(", ", coverage.Missing)}";
            return new RunOnceResult(CoordinatorExitCodes.AgentsMissing,
                $"no agent connected within {RunOnceOptions.Section}.agent_timeout ({timeout}); {shards}; nothing was backed up", null);
        }
        if (coverage.Missing.Count > 0)
        {
            Log.ShardsWithoutAgent(logger, string.Join(", ", coverage.Missing), timeout);
        }

        for (var attempt = 1; ; attempt++)
        {
            var answer = await runtime.StartRunAsync(new StartRunRequest(request.Full, request.Shards), Trigger, cancellationToken).ConfigureAwait(false);
            switch (answer)
            {
                case RunAccepted accepted:
                    return await FollowAsync(accepted.Run.RunId, cancellationToken).ConfigureAwait(false);
                case RunRejected { Code: "invalid_request" } invalid:
                    return new RunOnceResult(CoordinatorExitCodes.InvalidConfiguration, invalid.Message, null);
                case RunRejected { Code: "no_agents" } none:
                    return new RunOnceResult(CoordinatorExitCodes.AgentsMissing, none.Message, null);
                case RunRejected rejected when attempt >= MaxStartAttempts || (rejected.Code != "run_active" && time.GetUtcNow() >= deadline):
                    return new RunOnceResult(CoordinatorExitCodes.RunNotStarted, $"the run could not be started: {rejected.Message}", null);
                case RunRejected { Code: "run_active" }:
                    await AwaitActiveRunAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case RunRejected rejected:
                    Log.StartRetry(logger, rejected.Message);
                    await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return new RunOnceResult(CoordinatorExitCodes.RunNotStarted, $"the run could not be started: unexpected answer {answer.GetType().Name}", null);
            }
        }
    }

    /// <summary>A run resumed from the journal holds the lease: let it finish (it writes its own manifest), then start ours.</summary>
    private async Task AwaitActiveRunAsync(CancellationToken cancellationToken)
    {
        if ((await runtime.GetRunsAsync(1, cancellationToken).ConfigureAwait(false)).Active is { } active)
        {
            Log.WaitingForActiveRun(logger, active.RunId, active.Trigger);
            await DrainAsync(active.RunId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RunOnceResult> FollowAsync(string runId, CancellationToken cancellationToken)
    {
        Log.RunStarted(logger, runId);
        await DrainAsync(runId, cancellationToken).ConfigureAwait(false);
        // The event stream completes after the manifest, the journal and the notification are written.
        var run = await runtime.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return new RunOnceResult(CoordinatorExitCodes.RunNotStarted, $"run {runId} ended but its state cannot be read", null);
        }
        var failed = run.Shards.Where(s => s.State != "succeeded").Select(s => s.Shard).ToList();
        return failed.Count == 0
            ? new RunOnceResult(CoordinatorExitCodes.Ok, $"run {runId} succeeded: {run.Shards.Count} shard(s) backed up", run)
            : new RunOnceResult(CoordinatorExitCodes.ShardFailed,
                $"run {runId} finished {run.State}: {failed.Count} of {run.Shards.Count} shard(s) failed: {string.Join(", ", failed)}", run);
    }

    private async Task DrainAsync(string runId, CancellationToken cancellationToken)
    {
        await foreach (var e in events.SubscribeAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            Log.RunEvent(logger, e.RunId, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3181, Level = LogLevel.Warning, Message = "run-once: shard(s) {Shards} have no connected agent after {Timeout}; backing up the others, these are reported failed")]
        public static partial void ShardsWithoutAgent(ILogger logger, string shards, TimeSpan timeout);

        [LoggerMessage(EventId = 3182, Level = LogLevel.Warning, Message = "run-once: cannot start the run yet, retrying: {Reason}")]
        public static partial void StartRetry(ILogger logger, string reason);

        [LoggerMessage(EventId = 3183, Level = LogLevel.Warning, Message = "run-once: run {RunId} ({Trigger}) is active, resumed from the journal; waiting for it to finish first")]
        public static partial void WaitingForActiveRun(ILogger logger, string runId, string trigger);

        [LoggerMessage(EventId = 3184, Level = LogLevel.Information, Message = "run-once: run {RunId} started")]
        public static partial void RunStarted(ILogger logger, string runId);

        [LoggerMessage(EventId = 3185, Level = LogLevel.Information, Message = "run {RunId}: {Message}")]
        public static partial void RunEvent(ILogger logger, string runId, string message);
    }
}
