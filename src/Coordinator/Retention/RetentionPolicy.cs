namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>
/// How many backup chains of a shard to keep. <see cref="KeepFullBackups"/> chains (a full and its incrementals)
/// are always kept, newest first; an older chain goes only when <see cref="KeepDays"/> is null or its newest restore
/// point is older than that many days.
/// </summary>
/// <param name="KeepFullBackups">Chains to keep, at least 1 (config key <c>keep_full_backups</c>).</param>
/// <param name="KeepDays">When set (at least 1), a chain beyond the count is also kept while its newest backup is younger than this (config key <c>keep_days</c>).</param>
public sealed record RetentionPolicy(int KeepFullBackups, int? KeepDays = null)
{
    /// <summary>Every problem of this policy, each naming its key under <paramref name="section"/>; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string section = "retention")
    {
        var failures = new List<string>();
        if (KeepFullBackups < 1)
        {
            failures.Add($"{section}.keep_full_backups must be at least 1 (the newest chain is always kept), got {KeepFullBackups}");
        }
        if (KeepDays is < 1)
        {
            failures.Add($"{section}.keep_days must be at least 1 when set (leave it out to keep by count only), got {KeepDays}");
        }
        return failures;
    }
}
