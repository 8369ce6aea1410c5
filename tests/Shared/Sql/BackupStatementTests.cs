using ClickVault.Cluster.Shared.Sql;
using Xunit;
using static ClickVault.Cluster.Shared.Tests.Sql.SqlFixtures;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class BackupStatementTests
{
    private static BackupRequest Request(params DatabaseTarget[] databases) =>
        new() { Id = "20260101T000000Z-1", Destination = Full, Databases = databases };

    [Fact]
    public void Single_database_full_backup()
    {
        var statement = BackupSqlBuilder.Backup(Request(Db("events")));

        Assert.Equal(
            "BACKUP DATABASE `events` TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = '20260101T000000Z-1' ASYNC",
            statement.Text);
        Assert.Equal(statement.Text, statement.Redacted);
    }

    [Fact]
    public void Several_databases_and_tables_keep_their_order()
    {
        var request = Request(Db("db1"), Db("db2")) with { Tables = [Table("db.t"), Table("`my.db`.`x y`")] };

        Assert.Equal(
            "BACKUP DATABASE `db1`, DATABASE `db2`, TABLE `db`.`t`, TABLE `my.db`.`x y` TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = '20260101T000000Z-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void Tables_only()
    {
        var request = new BackupRequest { Id = "r-1", Destination = Full, Tables = [Table("db.t")] };

        Assert.Equal(
            "BACKUP TABLE `db`.`t` TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = 'r-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void Incremental_backup_sets_base_backup_as_a_destination_expression_after_id()
    {
        var request = Request(Db("events")) with { Id = "20260102T000000Z-1", Destination = Incremental, BaseBackup = Full };

        Assert.Equal(
            "BACKUP DATABASE `events` TO Disk('backups', 'prod/shard-1/incremental/20260102T000000Z') SETTINGS id = '20260102T000000Z-1', base_backup = Disk('backups', 'prod/shard-1/full/20260101T000000Z') ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void S3_incremental_hides_both_secrets_in_the_redacted_form_only()
    {
        var request = Request(Db("events")) with { Destination = S3("inc/2/"), BaseBackup = S3("full/1/") };

        var statement = BackupSqlBuilder.Backup(request);

        Assert.Equal(
            $"BACKUP DATABASE `events` TO S3('https://s3.example.com/bucket/inc/2/', 'AKIAEXAMPLE', '{Secret}') SETTINGS id = '20260101T000000Z-1', base_backup = S3('https://s3.example.com/bucket/full/1/', 'AKIAEXAMPLE', '{Secret}') ASYNC",
            statement.Text);
        Assert.Equal(
            "BACKUP DATABASE `events` TO S3('https://s3.example.com/bucket/inc/2/', '[HIDDEN]', '[HIDDEN]') SETTINGS id = '20260101T000000Z-1', base_backup = S3('https://s3.example.com/bucket/full/1/', '[HIDDEN]', '[HIDDEN]') ASYNC",
            statement.Redacted);
        Assert.Equal(statement.Redacted, statement.ToString());
        Assert.DoesNotContain(Secret, $"{statement} {request}", StringComparison.Ordinal);
    }

    [Fact]
    public void Named_collection_destination()
    {
        var request = Request(Db("events")) with { Destination = new S3NamedCollectionDestination(Id("s3_backups"), "prod/shard-1/full/20260101T000000Z") };

        Assert.Equal(
            "BACKUP DATABASE `events` TO S3(`s3_backups`, 'prod/shard-1/full/20260101T000000Z') SETTINGS id = '20260101T000000Z-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void Extra_settings_of_each_type_follow_id_and_base_backup_in_insertion_order()
    {
        var request = Request(Db("events")) with
        {
            BaseBackup = Incremental,
            Settings =
            [
                new SqlSetting("compression_method", "zstd"),
                new SqlSetting("compression_level", 3),
                new SqlSetting("deduplicate_files", false),
                new SqlSetting("password", new SecretSettingValue("s3cr3t")),
            ],
        };

        var statement = BackupSqlBuilder.Backup(request);

        Assert.EndsWith(
            "SETTINGS id = '20260101T000000Z-1', base_backup = Disk('backups', 'prod/shard-1/incremental/20260102T000000Z'), compression_method = 'zstd', compression_level = 3, deduplicate_files = false, password = 's3cr3t' ASYNC",
            statement.Text, StringComparison.Ordinal);
        Assert.EndsWith("deduplicate_files = false, password = '[HIDDEN]' ASYNC", statement.Redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "SETTINGS id = 'r-1' ASYNC")]
    [InlineData(false, "SETTINGS id = 'r-1'")]
    public void Async_flag_controls_the_trailing_keyword(bool async, string ending)
    {
        var request = Request(Db("events")) with { Id = "r-1", Async = async };

        Assert.EndsWith($"TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') {ending}", BackupSqlBuilder.Backup(request).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Async_is_the_default()
    {
        Assert.True(new BackupRequest { Id = "x", Destination = Full }.Async);
    }

    [Fact]
    public void Database_with_except_tables_goes_last()
    {
        var request = Request(Db("logs") with { ExceptTables = [Id("raw"), Id("tmp`x")] }, Db("events")) with { Tables = [Table("other.t")] };

        Assert.Equal(
            "BACKUP DATABASE `events`, TABLE `other`.`t`, DATABASE `logs` EXCEPT TABLES `logs`.`raw`, `logs`.`tmp\\`x` TO Disk('backups', 'prod/shard-1/full/20260101T000000Z') SETTINGS id = '20260101T000000Z-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }

    [Fact]
    public void A_table_excluded_from_its_database_may_be_listed_on_its_own()
    {
        var request = Request(Db("logs") with { ExceptTables = [Id("raw")] }) with { Tables = [Table("logs.raw")] };

        Assert.StartsWith("BACKUP TABLE `logs`.`raw`, DATABASE `logs` EXCEPT TABLES `logs`.`raw` TO ", BackupSqlBuilder.Backup(request).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_identifiers_and_paths_stay_inside_their_quotes()
    {
        var request = new BackupRequest
        {
            Id = "r-1",
            Destination = new DiskBackupDestination("backups", "x') SETTINGS id = 'evil"),
            Databases = [Db("a`, DATABASE system --"), Db("back\\slash"), Db("données_日本")],
        };

        Assert.Equal(
            "BACKUP DATABASE `a\\`, DATABASE system --`, DATABASE `back\\\\slash`, DATABASE `données_日本` TO Disk('backups', 'x\\') SETTINGS id = \\'evil') SETTINGS id = 'r-1' ASYNC",
            BackupSqlBuilder.Backup(request).Text);
    }
}
