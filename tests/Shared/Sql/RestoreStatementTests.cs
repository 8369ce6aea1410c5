using ClickVault.Cluster.Shared.Sql;
using Xunit;
using static ClickVault.Cluster.Shared.Tests.Sql.SqlFixtures;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class RestoreStatementTests
{
    private static RestoreRequest Request(params DatabaseTarget[] databases) =>
        new() { Id = "restore-20260101T000000Z-1", Source = Full, Databases = databases };

    [Fact]
    public void Restore_database_as_another_name()
    {
        var statement = BackupSqlBuilder.Restore(Request(Db("db1") with { As = Id("db1_copy") }));

        Assert.Equal(
            "RESTORE DATABASE `db1` AS `db1_copy` FROM Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = 'restore-20260101T000000Z-1' ASYNC",
            statement.Text);
    }

    [Fact]
    public void Restore_several_databases_with_and_without_rename()
    {
        var request = Request(Db("db1") with { As = Id("db1_copy") }, Db("db2"));

        Assert.StartsWith("RESTORE DATABASE `db1` AS `db1_copy`, DATABASE `db2` FROM ", BackupSqlBuilder.Restore(request).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_tables_with_rename()
    {
        var request = new RestoreRequest
        {
            Id = "r-2",
            Source = Full,
            Tables = [Table("db.t") with { As = TableName.Parse("newdb.t") }, Table("db.u")],
        };

        Assert.Equal(
            "RESTORE TABLE `db`.`t` AS `newdb`.`t`, TABLE `db`.`u` FROM Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = 'r-2' ASYNC",
            BackupSqlBuilder.Restore(request).Text);
    }

    [Fact]
    public void Restore_renamed_database_except_tables_names_the_source_tables()
    {
        var request = Request(Db("logs") with { As = Id("logs_copy"), ExceptTables = [Id("raw")] });

        Assert.StartsWith("RESTORE DATABASE `logs` AS `logs_copy` EXCEPT TABLES `logs`.`raw` FROM ", BackupSqlBuilder.Restore(request).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_flags_base_backup_and_extras_render_in_fixed_order()
    {
        var request = Request(Db("events")) with
        {
            Source = Incremental,
            BaseBackup = Full,
            AllowNonEmptyTables = true,
            StructureOnly = true,
            Settings = [new SqlSetting("allow_different_table_def", true), new SqlSetting("restore_broken_parts_as_detached", 1)],
        };

        Assert.Equal(
            "RESTORE DATABASE `events` FROM Disk('backups', 'prod/shard-1/incremental/20260102T000000Z') SETTINGS id = 'restore-20260101T000000Z-1', base_backup = Disk('backups', 'prod/shard-1/full/20260101T000000Z'), allow_non_empty_tables = true, structure_only = true, allow_different_table_def = true, restore_broken_parts_as_detached = 1 ASYNC",
            BackupSqlBuilder.Restore(request).Text);
    }

    [Theory]
    [InlineData(true, false, "SETTINGS id = 'restore-20260101T000000Z-1', allow_non_empty_tables = true ASYNC")]
    [InlineData(false, true, "SETTINGS id = 'restore-20260101T000000Z-1', structure_only = true ASYNC")]
    [InlineData(false, false, "SETTINGS id = 'restore-20260101T000000Z-1' ASYNC")]
    public void Restore_flags_render_only_when_set(bool allowNonEmpty, bool structureOnly, string ending)
    {
        var request = Request(Db("events")) with { AllowNonEmptyTables = allowNonEmpty, StructureOnly = structureOnly };

        Assert.EndsWith(ending, BackupSqlBuilder.Restore(request).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Synchronous_restore_has_no_trailing_keyword()
    {
        var text = BackupSqlBuilder.Restore(Request(Db("events")) with { Async = false }).Text;

        Assert.EndsWith("SETTINGS id = 'restore-20260101T000000Z-1'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_from_s3_hides_the_secret_in_redacted_and_ToString()
    {
        var statement = BackupSqlBuilder.Restore(Request(Db("events")) with { Source = S3("full/1/") });

        Assert.Equal(
            $"RESTORE DATABASE `events` FROM S3('https://s3.example.com/bucket/full/1/', 'AKIAEXAMPLE', '{Secret}') SETTINGS id = 'restore-20260101T000000Z-1' ASYNC",
            statement.Text);
        Assert.Equal(
            "RESTORE DATABASE `events` FROM S3('https://s3.example.com/bucket/full/1/', '[HIDDEN]', '[HIDDEN]') SETTINGS id = 'restore-20260101T000000Z-1' ASYNC",
            statement.ToString());
        Assert.DoesNotContain(Secret, statement.Redacted, StringComparison.Ordinal);
    }
}
