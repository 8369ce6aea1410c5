using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Restores;

public sealed class RestoreCommandSqlTests
{
    private static readonly OperationId Id = new("restore-20261122T030000Z-1-r1");
    private static readonly DestinationSpec Disk = new(DestinationKind.Disk, "c/shard-1/incremental/20261122T020000Z/");

    private static string Render(RestoreSpec spec, DestinationOptions? options = null) =>
        RestoreCommandSql.Render(new RestoreCommand(Id, spec), options ?? new DestinationOptions()).Statement.Text;

    [Fact]
    public void Whole_databases_restore_from_the_agents_disk()
    {
        Assert.Equal(
            "RESTORE DATABASE `shop`, DATABASE `logs` FROM Disk('backups', 'c/shard-1/incremental/20261122T020000Z/') SETTINGS id = 'restore-20261122T030000Z-1-r1' ASYNC",
            Render(new RestoreSpec(Disk, ["shop", "logs"], [], [], null)));
    }

    [Fact]
    public void With_access_entities_the_system_tables_follow_the_data_and_the_creation_mode_is_set()
    {
        Assert.Equal(
            "RESTORE DATABASE `shop` AS `shop_copy`, TABLE `system`.`users`, TABLE `system`.`roles`, TABLE `system`.`settings_profiles`, "
            + "TABLE `system`.`row_policies`, TABLE `system`.`quotas` FROM Disk('backups', 'c/shard-1/incremental/20261122T020000Z/') "
            + "SETTINGS id = 'restore-20261122T030000Z-1-r1', create_access = 'replace' ASYNC",
            Render(new RestoreSpec(Disk, ["shop"], [], [], "shop_copy", Shared.Sql.AccessCreationMode.Replace)));
    }

    [Fact]
    public void Backups_with_access_entities_list_the_system_tables()
    {
        var command = new BackupCommand(new OperationId("20261122T020000Z-1"), ["shop"], Disk, null, IncludeAccessEntities: true);

        Assert.Equal(
            "BACKUP DATABASE `shop`, TABLE `system`.`users`, TABLE `system`.`roles`, TABLE `system`.`settings_profiles`, "
            + "TABLE `system`.`row_policies`, TABLE `system`.`quotas` TO Disk('backups', 'c/shard-1/incremental/20261122T020000Z/') "
            + "SETTINGS id = '20261122T020000Z-1' ASYNC",
            BackupCommandSql.Render(command, new DestinationOptions()).Statement.Text);
    }

    [Fact]
    public void A_renamed_database_restores_as_the_new_name_and_its_tables_under_it()
    {
        Assert.Equal(
            "RESTORE DATABASE `shop` AS `shop copy` EXCEPT TABLES `shop`.`tmp` FROM Disk('backups', 'c/shard-1/incremental/20261122T020000Z/') SETTINGS id = 'restore-20261122T030000Z-1-r1' ASYNC",
            Render(new RestoreSpec(Disk, ["shop"], [], [new TableRef("shop", "tmp")], "shop copy")));
        Assert.Equal(
            "RESTORE TABLE `shop`.`orders` AS `x`.`orders`, TABLE `shop`.`items` AS `x`.`items` FROM Disk('backups', 'c/shard-1/incremental/20261122T020000Z/') SETTINGS id = 'restore-20261122T030000Z-1-r1' ASYNC",
            Render(new RestoreSpec(Disk, [], [new TableRef("shop", "orders"), new TableRef("shop", "items")], [], "x")));
    }

    [Fact]
    public void An_s3_source_uses_the_agents_endpoint_and_keys_and_masks_the_secret()
    {
        var options = new DestinationOptions
        {
            S3Endpoint = new Uri("http://minio:9000"), S3Bucket = "b", S3AccessKey = "AK", S3SecretKey = "very-secret",
        };

        var rendered = RestoreCommandSql.Render(new RestoreCommand(Id, new RestoreSpec(Disk with { Kind = DestinationKind.S3 }, ["shop"], [], [], null)), options);

        Assert.Equal(
            "RESTORE DATABASE `shop` FROM S3('http://minio:9000/b/c/shard-1/incremental/20261122T020000Z/', '[HIDDEN]', '[HIDDEN]') SETTINGS id = 'restore-20261122T030000Z-1-r1' ASYNC",
            rendered.Statement.Redacted);
        Assert.Contains("'very-secret'", rendered.Statement.Text, StringComparison.Ordinal);
        Assert.Equal(["very-secret", "AK"], rendered.Secrets);
    }

    [Theory]
    [InlineData("bad\nname", null, "databases[0]")]
    [InlineData("shop", "", "as_database")]
    public void Bad_names_are_refused_naming_the_field(string database, string? asDatabase, string field)
    {
        var e = Assert.Throws<BackupRefusedException>(() => Render(new RestoreSpec(Disk, [database], [], [], asDatabase)));

        Assert.StartsWith($"the agent refused restore {Id}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_combinations_are_refused_with_the_reason()
    {
        var stray = Assert.Throws<BackupRefusedException>(() => Render(new RestoreSpec(Disk, ["shop"], [], [new TableRef("logs", "x")], null)));
        var twoAsOne = Assert.Throws<BackupRefusedException>(() => Render(new RestoreSpec(Disk, ["shop", "logs"], [], [], "x")));
        var nothing = Assert.Throws<BackupRefusedException>(() => Render(new RestoreSpec(Disk, [], [], [], null)));
        var noS3 = Assert.Throws<BackupRefusedException>(() => Render(new RestoreSpec(Disk with { Kind = DestinationKind.S3 }, ["shop"], [], [], null)));

        Assert.Contains("except_tables names `logs`.`x`, whose database is not restored as a whole", stray.Message, StringComparison.Ordinal);
        Assert.Contains("would both be named `x`", twoAsOne.Message, StringComparison.Ordinal);
        Assert.Contains("names no database and no table", nothing.Message, StringComparison.Ordinal);
        Assert.Contains("its source is on S3 but this agent has no S3 settings", noS3.Message, StringComparison.Ordinal);
    }
}
