using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Backups;

public sealed class BackupCommandSqlTests
{
    private const string Secret = "s3-Secret-Key-1";
    private static readonly OperationId Id = new("20261122T020000Z-1");

    private static readonly DestinationOptions S3 = new()
    {
        S3Endpoint = new Uri("https://s3.example.com/"),
        S3Bucket = "vault",
        S3AccessKey = "AKIA1",
        S3SecretKey = Secret,
    };

    [Fact]
    public void A_disk_spec_uses_its_disk_or_the_configured_one()
    {
        var own = BackupCommandSql.Render(
            new BackupCommand(Id, ["shop"], new DestinationSpec(DestinationKind.Disk, "c/shard-1/full/x/", "other"), null), new DestinationOptions());
        var configured = BackupCommandSql.Render(
            new BackupCommand(Id, ["shop"], new DestinationSpec(DestinationKind.Disk, "c/shard-1/full/x/"), null), new DestinationOptions { Disk = "vault" });

        Assert.Equal("BACKUP DATABASE `shop` TO Disk('other', 'c/shard-1/full/x/') SETTINGS id = '20261122T020000Z-1' ASYNC", own.Statement.Text);
        Assert.StartsWith("BACKUP DATABASE `shop` TO Disk('vault', 'c/shard-1/full/x/')", configured.Statement.Text, StringComparison.Ordinal);
        Assert.Empty(configured.Secrets);
    }

    [Fact]
    public void An_s3_spec_becomes_endpoint_bucket_key_with_the_agents_credentials_hidden_from_the_redacted_text()
    {
        var rendered = BackupCommandSql.Render(new BackupCommand(Id, ["shop"],
            new DestinationSpec(DestinationKind.S3, "c/shard-1/incremental/y/"),
            new DestinationSpec(DestinationKind.S3, "/c/shard-1/full/x/")), S3);

        Assert.Equal(
            "BACKUP DATABASE `shop` TO S3('https://s3.example.com/vault/c/shard-1/incremental/y/', '[HIDDEN]', '[HIDDEN]') " +
            "SETTINGS id = '20261122T020000Z-1', base_backup = S3('https://s3.example.com/vault/c/shard-1/full/x/', '[HIDDEN]', '[HIDDEN]') ASYNC",
            rendered.Statement.Redacted);
        Assert.Contains(Secret, rendered.Statement.Text, StringComparison.Ordinal);
        Assert.Contains(Secret, rendered.Secrets);
    }

    [Theory]
    [InlineData("", "The request names no database")]
    [InlineData("bad\nname", "control character")]
    public void Requests_that_cannot_become_a_statement_are_refused_with_the_reason(string database, string reason)
    {
        string[] databases = database.Length == 0 ? [] : [database];

        var e = Assert.Throws<BackupRefusedException>(() => BackupCommandSql.Render(
            new BackupCommand(Id, databases, new DestinationSpec(DestinationKind.Disk, "k/"), null), new DestinationOptions()));

        Assert.StartsWith($"the agent refused backup {Id}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
