using System.Text;
using ClickVault.Cluster.Coordinator.Planning;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Configuration;

/// <summary>
/// The coordinator's own settings (config section <c>coordinator</c>). An empty value in the file binds as null; string
/// settings turn that into "" so validators and users see an empty setting, never a null.
/// </summary>
public sealed record CoordinatorOptions
{
    public const string Section = "coordinator";

    /// <summary>The ClickHouse cluster this coordinator backs up (the remote_servers name, also the agents' cluster macro).</summary>
    [ConfigurationKeyName("cluster")]
    public string Cluster { get; init => field = value ?? ""; } = "";

    /// <summary>Where the coordinator listens, e.g. http://0.0.0.0:7480.</summary>
    [ConfigurationKeyName("listen")]
    public string Listen { get; init => field = value ?? ""; } = "http://127.0.0.1:7480";

    /// <summary>Bearer token agents present on /agents/ws.</summary>
    [ConfigurationKeyName("agent_token")]
    public string AgentToken { get; init => field = value ?? ""; } = "";

    /// <summary>Bearer token operators (the CLI) present on /api.</summary>
    [ConfigurationKeyName("operator_token")]
    public string OperatorToken { get; init => field = value ?? ""; } = "";

    [ConfigurationKeyName("heartbeat_interval")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An agent that sent nothing for this long counts as disconnected (default 3 heartbeats).</summary>
    [ConfigurationKeyName("agent_timeout")]
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(15);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Cluster = {Cluster}, Listen = {Listen}, AgentToken = [HIDDEN], OperatorToken = [HIDDEN], ")
            .Append($"HeartbeatInterval = {HeartbeatInterval}, AgentTimeout = {AgentTimeout}");
        return true;
    }
}

/// <summary>What a run backs up and how chains are kept (config section <c>backup</c>).</summary>
public sealed record BackupOptions
{
    public const string Section = "backup";

    /// <summary>Databases every shard backs up.</summary>
    [ConfigurationKeyName("databases")]
    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>Key prefix inside the bucket (may be empty).</summary>
    [ConfigurationKeyName("prefix")]
    public string Prefix { get; init => field = value ?? ""; } = "";

    /// <summary>Per-shard path template expanded with the shard's macros.</summary>
    [ConfigurationKeyName("shard_path_template")]
    public string ShardPathTemplate { get; init => field = value ?? ""; } = "shard-{shard}";

    /// <summary><c>disk</c> (a server-configured s3_plain disk) or <c>s3</c> (S3 URL with the agents' credentials).</summary>
    [ConfigurationKeyName("destination")]
    public string Destination { get; init => field = value ?? ""; } = "s3";

    /// <summary>For <c>disk</c>: the server disk name; it must point at {bucket}/{disk_root}.</summary>
    [ConfigurationKeyName("disk")]
    public string Disk { get; init => field = value ?? ""; } = "backups";

    /// <summary>For <c>disk</c>: the key prefix in the bucket the disk's endpoint points at (usually empty).</summary>
    [ConfigurationKeyName("disk_root")]
    public string DiskRoot { get; init => field = value ?? ""; } = "";

    [ConfigurationKeyName("full_backup_interval_days")]
    public int FullBackupIntervalDays { get; init; } = 7;

    /// <summary>0 = unlimited incrementals on one full.</summary>
    [ConfigurationKeyName("max_chain_depth")]
    public int MaxChainDepth { get; init; }

    [ConfigurationKeyName("poll_interval")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Replica names in order of preference for running backups.</summary>
    [ConfigurationKeyName("replica_priority")]
    public IReadOnlyList<string> ReplicaPriority { get; init; } = [];

    /// <summary>
    /// <c>affinity</c>: a shard's backup goes to the replica that took its chain's previous backup (after priority and
    /// health); <c>spread</c>: to the least recently used.
    /// </summary>
    [ConfigurationKeyName("replica_policy")]
    public ReplicaPolicy ReplicaPolicy { get; init; } = ReplicaPolicy.Affinity;

    /// <summary>How long a run waits for an agent of each shard to be connected before planning.</summary>
    [ConfigurationKeyName("agent_wait")]
    public TimeSpan AgentWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Also back up SQL-managed users, roles, settings profiles, row policies and quotas (<c>TABLE system.users, ...</c>).</summary>
    [ConfigurationKeyName("access_entities")]
    public bool AccessEntities { get; init; }

    /// <summary>Store every connected replica's ClickHouse configuration directory (agent <c>config_backup.directory</c>) with each shard's backup.</summary>
    [ConfigurationKeyName("config_files")]
    public bool ConfigFiles { get; init; } = true;

    /// <summary>
    /// How long an agent keeps polling a local ClickHouse that does not answer, from the first failed poll, before it
    /// reports the backup failed (a killed server would otherwise keep the run waiting for ever).
    /// </summary>
    [ConfigurationKeyName("clickhouse_unreachable_timeout")]
    public TimeSpan ClickHouseUnreachableTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What a shard does when the replica backing it up loses its ClickHouse mid-backup.</summary>
    [ConfigurationKeyName("failover")]
    public BackupFailover Failover { get; init; } = BackupFailover.None;
}

/// <summary><c>backup.failover</c>: what a shard does when its replica's ClickHouse is lost mid-backup.</summary>
public enum BackupFailover
{
    /// <summary>The shard fails; the next run backs it up again.</summary>
    None,

    /// <summary>The shard is retried once on a healthy sibling replica, under a new backup id and folder.</summary>
    Sibling,
}
