using ClickVault.Cluster.Shared.Sql;
using Xunit;
using static ClickVault.Cluster.Shared.Tests.Sql.SqlFixtures;

namespace ClickVault.Cluster.Shared.Tests.Sql;

/// <summary>
/// Exact SQL for access entities. The embedded engine has no writable access storage (it cannot create users), so
/// these statements are checked as text here; a real server runs them as shown.
/// </summary>
public sealed class AccessEntitiesTests
{
    private const string AccessTables =
        "TABLE `system`.`users`, TABLE `system`.`roles`, TABLE `system`.`settings_profiles`, TABLE `system`.`row_policies`, TABLE `system`.`quotas`";

    [Fact]
    public void Backup_lists_every_access_entity_table_after_the_databases()
    {
        var request = AccessEntities.Including(new BackupRequest { Id = "20260101T000000Z-1", Destination = Full, Databases = [Db("events")] });

        Assert.Equal(
            $"BACKUP DATABASE `events`, {AccessTables} TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = '20260101T000000Z-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void Incremental_backup_with_access_keeps_the_base_backup_setting()
    {
        var request = AccessEntities.Including(new BackupRequest
        {
            Id = "20260102T000000Z-1",
            Destination = Incremental,
            BaseBackup = Full,
            Databases = [Db("events")],
        });

        Assert.Equal(
            $"BACKUP DATABASE `events`, {AccessTables} TO Disk('backups', 'prod/shard-1/incremental/20260102T000000Z') "
            + "SETTINGS id = '20260102T000000Z-1', base_backup = Disk('backups', 'prod/shard-1/full/20260101T000000Z') ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Theory]
    [InlineData(AccessCreationMode.Create, "")]
    [InlineData(AccessCreationMode.CreateIfNotExists, ", create_access = 'create-if-not-exists'")]
    [InlineData(AccessCreationMode.Replace, ", create_access = 'replace'")]
    public void Restore_with_access_names_the_tables_and_the_creation_mode(AccessCreationMode mode, string setting)
    {
        var request = AccessEntities.Including(new RestoreRequest { Id = "restore-1", Source = Full, Databases = [Db("events")] }, mode);

        Assert.Equal(
            $"RESTORE DATABASE `events`, {AccessTables} FROM Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = 'restore-1'{setting} ASYNC",
            BackupSqlBuilder.Restore(request).Text);
    }

    [Fact]
    public void Restoring_only_access_entities_is_a_statement_of_its_own()
    {
        var request = AccessEntities.Including(new RestoreRequest { Id = "restore-access", Source = Full }, AccessCreationMode.Replace);

        Assert.Equal(
            $"RESTORE {AccessTables} FROM Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = 'restore-access', create_access = 'replace' ASYNC",
            BackupSqlBuilder.Restore(request).Text);
    }

    [Fact]
    public void Listing_an_access_table_twice_is_refused_by_name()
    {
        var request = AccessEntities.Including(new BackupRequest
        {
            Id = "b-1",
            Destination = Full,
            Databases = [Db("events")],
            Tables = [Table("system.users")],
        });

        var error = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Backup(request));
        Assert.Contains("TABLE `system`.`users` is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_setting_names_the_modes_as_clickhouse_spells_them()
    {
        Assert.Equal(["create", "create-if-not-exists", "replace"], Enum.GetValues<AccessCreationMode>().Select(AccessEntities.SettingValue));
    }
}
