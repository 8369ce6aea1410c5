using System.Globalization;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>
/// Maps a ClickVault (sebboer/clickvault) <c>config.toml</c>, as configuration keys (<c>s3:bucket</c>), to a coordinator
/// and an agent configuration of ClickVault Cluster. Pure: the tokens ClickVault has no equivalent of come in
/// <see cref="ImportSettings"/>. Secrets go to the environment files only (<see cref="GeneratedConfig.Secrets"/>).
/// </summary>
public static class ClickVaultConfigMapper
{
    /// <summary>Coordinator and agent on the ClickHouse host, where ClickVault ran.</summary>
    public const string LocalCoordinator = "http://127.0.0.1:7480";

    /// <summary>The coordinator's default remoting endpoint on the same host.</summary>
    public const string LocalRemoting = "127.0.0.1:4053";

    internal static readonly Conversion Flag = new(
        v => bool.TryParse(v, out var flag) ? (flag ? "true" : "false") : null, "true or false");

    internal static readonly Conversion PositiveNumber = new(
        v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= int.MaxValue
            ? n.ToString(CultureInfo.InvariantCulture)
            : null,
        "a whole number > 0");

    private static readonly Conversion Seconds = new(
        v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 86_400_000
            ? TimeSpan.FromSeconds(n).ToString("c", CultureInfo.InvariantCulture)
            : null,
        "a whole number of seconds > 0");

    public static ImportPlan Map(IReadOnlyDictionary<string, string?> source, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        var b = new ImportBuilder(source);
        Processes(b, settings);
        ClickHouse(b);
        S3(b);
        Chains(b);
        Tuning(b);
        b.Copy("retention:keep_full_backups", toCoordinator: "retention:keep_full_backups");
        b.Copy("retention:keep_days", toCoordinator: "retention:keep_days");
        b.Copy("retention:auto_cleanup", toCoordinator: "retention:auto_cleanup", convert: Flag);
        ClickVaultNotifications.Map(b);
        b.Note("no schedule: ClickVault ran from cron; set schedule.backup (and schedule.cleanup) in coordinator.yaml, " +
            "e.g. \"0 */4 * * *\", or keep cron and have it run `clickvault backup` and `clickvault cleanup`");
        b.Note("existing ClickVault backups ({prefix}/full/, {prefix}/incremental/) are not read: ClickVault Cluster keeps its " +
            "own layout under {prefix}/{cluster}/ (docs/s3-layout.md) and starts with a full backup; both can share the bucket");
        return b.Finish();
    }

    /// <summary>What ClickVault, one process next to one server, has no setting for.</summary>
    private static void Processes(ImportBuilder b, ImportSettings settings)
    {
        b.Coordinator("coordinator:cluster", settings.Cluster, null);
        b.Coordinator("coordinator:listen", LocalCoordinator, null);
        b.CoordinatorSecret("coordinator:agent_token", settings.AgentToken, null);
        b.CoordinatorSecret("coordinator:operator_token", settings.OperatorToken, null);
        b.Coordinator("backup:destination", "s3", null);
        b.Agent("agent:coordinator_contacts", LocalRemoting, null);
        b.AgentSecret("agent:token", settings.AgentToken, null);
        b.Agent("agent:cluster", settings.Cluster, null);
        b.Note($"coordinator.cluster and agent.cluster are '{settings.Cluster}' (--cluster): ClickVault names no cluster");
        b.Note($"coordinator.listen is {LocalCoordinator} and agent.coordinator_contacts is {LocalRemoting} (the coordinator's remoting.port): both processes on the ClickHouse host, " +
            "as ClickVault ran; change both to run them apart");
        b.Note("the agent and operator tokens were generated (coordinator.env, agent.env); the CLI needs CLICKVAULT_OPERATOR_TOKEN from coordinator.env");
        b.Note("the agent reads its shard and replica from the server's macros (system.macros): a server ClickVault backed up " +
            "needs <macros><shard>1</shard><replica>NAME</replica></macros> in its config");
    }

    private static void ClickHouse(ImportBuilder b)
    {
        b.Copy("clickhouse:url", toAgent: "clickhouse:url");
        b.Copy("clickhouse:user", toAgent: "clickhouse:user");
        b.CopySecret("clickhouse:password", toAgent: "clickhouse:password");
        // ClickVault's database is the one it backs up; the agent's is only the session default.
        b.Copy("clickhouse:database", toCoordinator: "backup:databases:0", toAgent: "clickhouse:database");
    }

    private static void S3(ImportBuilder b)
    {
        // clickhouse_endpoint is the endpoint as ClickHouse sees it: what the agent puts in BACKUP ... TO S3(...).
        b.Copy("s3:endpoint", toCoordinator: "s3:endpoint", toAgent: b.Has("s3:clickhouse_endpoint") ? null : "destination:s3_endpoint");
        b.Copy("s3:clickhouse_endpoint", toAgent: "destination:s3_endpoint");
        b.Copy("s3:bucket", toCoordinator: "s3:bucket", toAgent: "destination:s3_bucket");
        b.Copy("s3:prefix", toCoordinator: "backup:prefix");
        b.Copy("s3:region", toCoordinator: "s3:region");
        if (!b.Copy("s3:path_style", toCoordinator: "s3:force_path_style", convert: Flag))
        {
            b.Coordinator("s3:force_path_style", "false", null);
            b.Note("s3.force_path_style is false, ClickVault's default for s3.path_style (the default here is true)");
        }

        var access = b.CopySecret("s3:access_key", toCoordinator: "s3:access_key", toAgent: "destination:s3_access_key");
        var secret = b.CopySecret("s3:secret_key", toCoordinator: "s3:secret_key", toAgent: "destination:s3_secret_key");
        if (!access || !secret)
        {
            b.Note("s3.access_key or s3.secret_key is not in the file: set CLICKVAULT_S3_ACCESS_KEY and CLICKVAULT_S3_SECRET_KEY " +
                "for the coordinator and every agent, the variables ClickVault read (the agents need both to write S3 backups)");
        }
    }

    /// <summary>ClickVault chains every incremental on the previous backup and starts a new chain every N days.</summary>
    private static void Chains(ImportBuilder b)
    {
        const string Documented = "schedule:full_backup_interval_days";
        const string Legacy = "backup:full_backup_interval_days";
        var from = b.Has(Documented) ? Documented : Legacy;
        if (from == Documented && b.Has(Legacy))
        {
            b.Unmapped(Legacy, "also given as schedule.full_backup_interval_days, which is used");
        }

        var interval = PositiveNumber with { Expected = "a whole number of days > 0 (ClickVault refuses 0; here 0 would mean never start a new chain)" };
        if (b.Copy(from, toCoordinator: "backup:full_backup_interval_days", convert: interval))
        {
            b.Coordinator("backup:max_chain_depth", "0", null);
            b.Note("full_backup_interval_days keeps its meaning: a run starts a new chain with a full backup once the newest full " +
                "is that many days old, else an incremental on the newest backup; backup.max_chain_depth 0 puts no limit on a " +
                "chain's length, ClickVault's deep chaining");
        }
    }

    private static void Tuning(ImportBuilder b)
    {
        b.Copy("backup:poll_interval_secs", toCoordinator: "backup:poll_interval", convert: Seconds);
        b.UnmappedIfPresent("backup:timeout_secs", "no overall time limit for one backup here; backup.clickhouse_unreachable_timeout " +
            "(default 00:00:30) only bounds a ClickHouse that stops answering");
        b.Copy("retry:attempts", toCoordinator: "s3:max_attempts", convert: PositiveNumber);
        b.UnmappedIfPresent("retry:base_delay_ms", "the backoff between attempts is built in");
        b.UnmappedIfPresent("retry:max_delay_ms", "the backoff between attempts is built in");
    }
}
