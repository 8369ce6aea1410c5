namespace ClickVault.Cluster.Coordinator;

/// <summary>Exit codes of <c>clickvault-coordinator</c>; scripts and CronJobs rely on them: never renumber, only add.</summary>
public static class CoordinatorExitCodes
{
    /// <summary>Stopped gracefully; with <c>--run-once</c>: every shard of the run succeeded.</summary>
    public const int Ok = 0;

    /// <summary><c>--run-once</c>: the run finished with at least one failed shard (a shard without a connected agent counts as failed).</summary>
    public const int ShardFailed = 1;

    /// <summary>Bad arguments or configuration: nothing was started or contacted.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary><c>--run-once</c>: no agent connected within <c>run_once.agent_timeout</c>; nothing was backed up.</summary>
    public const int AgentsMissing = 3;

    /// <summary><c>--run-once</c>: the run could not be started (journal or catalog in S3 unreadable, rejected).</summary>
    public const int RunNotStarted = 4;

    /// <summary><c>--run-once</c>: interrupted (SIGINT/SIGTERM) before the run ended; the journal lets the next start resume it.</summary>
    public const int Interrupted = 130;

    public static string HelpText { get; } = string.Join(
        Environment.NewLine,
        "Exit codes:",
        "  0    ok (--run-once: every shard succeeded)",
        "  1    --run-once: the run finished with a failed shard (a shard without a connected agent counts as failed)",
        "  2    invalid arguments or configuration (every problem is printed; nothing was started)",
        "  3    --run-once: no agent connected within run_once.agent_timeout; nothing was backed up",
        "  4    --run-once: the run could not be started (S3 journal/catalog unreadable, or rejected)",
        "  130  --run-once: interrupted; the next start resumes the journaled run");
}
