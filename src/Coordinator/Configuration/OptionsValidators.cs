using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Configuration;

/// <summary>Names every wrong key of the <c>coordinator</c> section.</summary>
public sealed class CoordinatorOptionsValidator : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions o)
    {
        var failures = new List<string>();
        if (!IsClusterName(o.Cluster))
        {
            failures.Add("coordinator.cluster must be the ClickHouse cluster name (1-64 of letters, digits, '.', '_', '-')");
        }
        if (!Uri.TryCreate(o.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            failures.Add("coordinator.listen must be an absolute http(s) URL such as http://0.0.0.0:7480");
        }
        if (o.AgentToken.Length < 16)
        {
            failures.Add("coordinator.agent_token must be at least 16 characters (or set CLICKVAULT_AGENT_TOKEN)");
        }
        if (o.OperatorToken.Length < 16)
        {
            failures.Add("coordinator.operator_token must be at least 16 characters (or set CLICKVAULT_OPERATOR_TOKEN)");
        }
        if (o.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add("coordinator.heartbeat_interval must be > 0");
        }
        if (o.AgentTimeout <= o.HeartbeatInterval)
        {
            failures.Add("coordinator.agent_timeout must be greater than coordinator.heartbeat_interval");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsClusterName(string value)
    {
        try
        {
            _ = new Shared.Layout.ClusterName(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Names every wrong key of the <c>backup</c> section.</summary>
public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions o)
    {
        var failures = new List<string>();
        if (o.Databases.Count == 0)
        {
            failures.Add("backup.databases must list at least one database");
        }
        foreach (var db in o.Databases)
        {
            try
            {
                Shared.Sql.SqlIdentifier.Create(db, "backup.databases");
            }
            catch (ArgumentException e)
            {
                failures.Add($"backup.databases: {e.Message}");
            }
        }
        try
        {
            _ = new Shared.Layout.BackupLayout(new Shared.Layout.LayoutOptions(o.Prefix, new Shared.Layout.ClusterName("check"), o.ShardPathTemplate));
        }
        catch (ArgumentException e)
        {
            failures.Add($"backup.prefix / backup.shard_path_template: {e.Message}");
        }
        if (o.Destination is not ("disk" or "s3"))
        {
            failures.Add($"backup.destination must be 'disk' or 's3', got '{o.Destination}'");
        }
        if (o.Destination == "disk" && string.IsNullOrWhiteSpace(o.Disk))
        {
            failures.Add("backup.disk must name the server's s3_plain disk when backup.destination is 'disk'");
        }
        if (o.Destination == "disk" && o.DiskRoot.Trim('/').Length > 0 && !o.Prefix.Trim('/').StartsWith(o.DiskRoot.Trim('/'), StringComparison.Ordinal))
        {
            failures.Add("backup.prefix must start with backup.disk_root (the disk can only reach keys below its root)");
        }
        if (o.FullBackupIntervalDays < 0)
        {
            failures.Add("backup.full_backup_interval_days must be >= 0 (0 = never force a new full)");
        }
        if (o.MaxChainDepth < 0)
        {
            failures.Add("backup.max_chain_depth must be >= 0 (0 = unlimited)");
        }
        if (o.PollInterval < TimeSpan.FromMilliseconds(50))
        {
            failures.Add("backup.poll_interval must be at least 50ms");
        }
        if (o.AgentWait < TimeSpan.Zero)
        {
            failures.Add("backup.agent_wait must be 0s or more (how long a run waits for agents to connect)");
        }
        if (o.ReplicaPriority.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("backup.replica_priority must list replica names (the `replica` macro values); an entry is empty");
        }
        if (o.ClickHouseUnreachableTimeout <= TimeSpan.Zero)
        {
            failures.Add("backup.clickhouse_unreachable_timeout must be more than 0s (how long an agent waits for a local ClickHouse that " +
                "does not answer before it reports the backup failed), e.g. 30s");
        }
        if (!Enum.IsDefined(o.Failover))
        {
            failures.Add($"backup.failover must be 'none' or 'sibling', got '{o.Failover}'");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
