using ClickVault.Cluster.Shared.Sql;
using Xunit;
using static ClickVault.Cluster.Shared.Tests.Sql.SqlFixtures;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class StatementRejectionTests
{
    private static readonly BackupRequest Valid = new() { Id = "20260101T000000Z-1", Destination = Full, Databases = [Db("events")] };

    public static TheoryData<BackupRequest, string, string> BadRequests => new()
    {
        { Valid with { Databases = [] }, "Databases", "The request names no database and no table; give at least one." },
        { Valid with { Databases = [Db("a"), Db("b"), Db("a")] }, "Databases", "DATABASE `a` is listed twice." },
        { Valid with { Databases = [Db("a") with { As = Id("c") }, Db("c")] }, "Databases", "Two databases would both be named `c` (Databases[1])." },
        { Valid with { Databases = [Db("a") with { ExceptTables = [Id("t"), Id("t")] }] }, "Databases", "EXCEPT TABLES of DATABASE `a` lists `t` twice." },
        { Valid with { Databases = [Db("a") with { ExceptTables = [Id("t")] }, Db("b") with { ExceptTables = [Id("u")] }] }, "Databases", "EXCEPT TABLES is set on more than one database" },
        { Valid with { Tables = [Table("x.t"), Table("x.t")] }, "Tables", "TABLE `x`.`t` is listed twice." },
        { Valid with { Tables = [Table("x.t") with { As = TableName.Parse("x.u") }, Table("x.u")] }, "Tables", "Two tables would both be named `x`.`u` (Tables[1])." },
        { Valid with { Tables = [Table("events.t")] }, "Tables", "TABLE `events`.`t` is already part of DATABASE `events`; list it once." },
        { Valid with { Id = "" }, "Id", "The backup id is empty" },
        { Valid with { Id = "run 1" }, "Id", "The backup id \"run 1\" holds U+0020 at index 3; only [A-Za-z0-9_.:-] are allowed." },
        { Valid with { Id = "x';DROP" }, "Id", "The backup id \"x';DROP\" holds ''' (U+0027) at index 1" },
        { Valid with { Id = "run/1" }, "Id", "The backup id \"run/1\" holds '/' (U+002F) at index 3" },
        { Valid with { Id = "run\n1" }, "Id", "The backup id \"run\\n1\" holds U+000A at index 3" },
        { Valid with { Id = "rün" }, "Id", "The backup id \"rün\" holds 'ü' (U+00FC) at index 1" },
        { Valid with { BaseBackup = Full }, "BaseBackup", "BaseBackup Disk('backups', 'prod/shard-1/full/20260101T000000Z') is the destination itself" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_backup_requests_are_rejected_naming_the_input(BackupRequest request, string property, string message)
    {
        var error = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Backup(request));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("ID")]
    [InlineData("base_backup")]
    [InlineData("Base_Backup")]
    [InlineData("async")]
    public void Settings_colliding_with_builder_settings_are_rejected(string name)
    {
        var error = Assert.Throws<InvalidSqlSettingException>(() => BackupSqlBuilder.Backup(Valid with { Settings = [new SqlSetting(name, "x")] }));

        Assert.Equal(name, error.SettingName);
        Assert.Equal("Settings", error.ParamName);
        Assert.StartsWith($"Invalid setting \"{name}\": it is set by the builder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allow_non_empty_tables")]
    [InlineData("structure_only")]
    [InlineData("id")]
    public void Restore_settings_colliding_with_request_flags_are_rejected(string name)
    {
        var request = new RestoreRequest { Id = "r", Source = Full, Databases = [Db("events")], Settings = [new SqlSetting(name, true)] };

        var error = Assert.Throws<InvalidSqlSettingException>(() => BackupSqlBuilder.Restore(request));

        Assert.Equal(name, error.SettingName);
    }

    [Fact]
    public void Duplicate_extra_settings_are_rejected()
    {
        var request = Valid with { Settings = [new SqlSetting("compression_level", 1), new SqlSetting("Compression_Level", 2)] };

        var error = Assert.Throws<InvalidSqlSettingException>(() => BackupSqlBuilder.Backup(request));

        Assert.Equal("Invalid setting \"Compression_Level\": it is given twice. (Parameter 'Settings')", error.Message);
    }

    [Fact]
    public void Null_entries_are_rejected_by_index()
    {
        var databases = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Backup(Valid with { Databases = [Db("a"), null!] }));
        var tables = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Backup(Valid with { Tables = [null!] }));
        var settings = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Backup(Valid with { Settings = [null!] }));

        Assert.StartsWith("Databases[1] is null.", databases.Message, StringComparison.Ordinal);
        Assert.StartsWith("Tables[0] is null.", tables.Message, StringComparison.Ordinal);
        Assert.StartsWith("Settings[0] is null.", settings.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_requests_get_the_same_checks()
    {
        var request = new RestoreRequest { Id = "r", Source = Full, Databases = [Db("a") with { As = Id("b") }, Db("c") with { As = Id("b") }] };

        var error = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Restore(request));

        Assert.StartsWith("Two databases would both be named `b` (Databases[1]).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_from_its_own_base_is_rejected_without_leaking_secrets()
    {
        var request = new RestoreRequest { Id = "r", Source = S3("a/"), BaseBackup = S3("a/"), Databases = [Db("events")] };

        var error = Assert.Throws<InvalidBackupRequestException>(() => BackupSqlBuilder.Restore(request));

        Assert.Contains("is the source itself", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
