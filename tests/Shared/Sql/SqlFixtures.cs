using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Shared.Tests.Sql;

/// <summary>Short constructors for the statement tests.</summary>
internal static class SqlFixtures
{
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static DiskBackupDestination Full { get; } = new("backups", "prod/shard-1/full/20260101T000000Z");

    public static DiskBackupDestination Incremental { get; } = new("backups", "prod/shard-1/incremental/20260102T000000Z");

    public static S3BackupDestination S3(string path) =>
        new(new Uri($"https://s3.example.com/bucket/{path}"), "AKIAEXAMPLE", Secret);

    public static SqlIdentifier Id(string name) => SqlIdentifier.Create(name);

    public static DatabaseTarget Db(string name) => new(Id(name));

    public static TableTarget Table(string name) => new(TableName.Parse(name));
}
