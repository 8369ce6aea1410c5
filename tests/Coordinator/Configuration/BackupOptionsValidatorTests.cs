using ClickVault.Cluster.Coordinator.Configuration;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Configuration;

/// <summary>The keys of a replica that loses its ClickHouse mid-backup: <c>backup.clickhouse_unreachable_timeout</c> and <c>backup.failover</c>.</summary>
public sealed class BackupOptionsValidatorTests
{
    private static readonly BackupOptions Valid = new() { Databases = ["shop"] };

    [Fact]
    public void The_defaults_wait_well_under_a_minute_and_never_fail_over()
    {
        Assert.True(new BackupOptionsValidator().Validate(null, Valid).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(30), Valid.ClickHouseUnreachableTimeout);
        Assert.Equal(BackupFailover.None, Valid.Failover);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_timeout_that_is_not_positive_is_refused_naming_the_key(int seconds)
    {
        var result = new BackupOptionsValidator().Validate(null, Valid with { ClickHouseUnreachableTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(
            ["backup.clickhouse_unreachable_timeout must be more than 0s (how long an agent waits for a local ClickHouse that does not answer " +
             "before it reports the backup failed), e.g. 30s"],
            result.Failures);
    }

    [Fact]
    public void A_failover_mode_outside_the_enum_is_refused_naming_the_values()
    {
        var result = new BackupOptionsValidator().Validate(null, Valid with { Failover = (BackupFailover)7 });

        Assert.Equal(["backup.failover must be 'none' or 'sibling', got '7'"], result.Failures);
    }

    [Fact]
    public void Sibling_is_a_valid_mode() =>
        Assert.True(new BackupOptionsValidator().Validate(null, Valid with { Failover = BackupFailover.Sibling }).Succeeded);
}
