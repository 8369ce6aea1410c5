using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>How many backup chains each shard keeps, and whether runs clean up after themselves (config section <c>retention</c>).</summary>
public sealed record RetentionOptions
{
    public const string Section = "retention";

    /// <summary>Chains (a full and its incrementals) to keep per shard, newest first; at least 1.</summary>
    [ConfigurationKeyName("keep_full_backups")]
    public int KeepFullBackups { get; init; } = 2;

    /// <summary>When set, a chain beyond the count is also kept while its newest backup is younger than this many days.</summary>
    [ConfigurationKeyName("keep_days")]
    public int? KeepDays { get; init; }

    /// <summary>Apply retention to the shards that succeeded, after every run that ends succeeded or partial.</summary>
    [ConfigurationKeyName("auto_cleanup")]
    public bool AutoCleanup { get; init; }

    public RetentionPolicy Policy => new(KeepFullBackups, KeepDays);
}
