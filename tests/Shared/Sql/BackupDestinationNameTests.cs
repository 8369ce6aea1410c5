using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

/// <summary>
/// Matching a destination against the <c>name</c> column of <c>system.backups</c>. The names are as ClickHouse 26.5 wrote them
/// (observed on the embedded engine): <c>S3('url', 'key id', '[HIDDEN]')</c> and <c>Disk('disk', 'path')</c>.
/// </summary>
public sealed class BackupDestinationNameTests
{
    private static readonly S3BackupDestination S3 = new(new Uri("http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z"), "AKIAEXAMPLE", "secret");
    private static readonly DiskBackupDestination Disk = new("backups", "prod/shard-1/full/20260101T000000Z");
    private static readonly S3NamedCollectionDestination Named = new(SqlIdentifier.Create("backup_s3", "collection"), "prod/shard-1/full/20260101T000000Z");

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z', 'AKIAEXAMPLE', '[HIDDEN]')", true },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z', 'OTHERKEY', '[HIDDEN]')", true },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z')", true },
        { "s3", "S3('http://127.0.0.1:9000/bucket/test/shard-1/full/20260101T000000Z', 'AKIAEXAMPLE', '[HIDDEN]')", false },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z1', 'AKIAEXAMPLE', '[HIDDEN]')", false },
        { "s3", "Disk('backups', 'prod/shard-1/full/20260101T000000Z')", false },
        { "s3", "", false },
        { "disk", "Disk('backups', 'prod/shard-1/full/20260101T000000Z')", true },
        { "disk", "Disk('backups', 'retain/shard-1/full/20260101T000000Z')", false },
        { "disk", "Disk('other', 'prod/shard-1/full/20260101T000000Z')", false },
        { "disk", "Disk('backups', 'prod/shard-1/full/20260101T000000Z/x')", false },
        { "named", "S3(backup_s3, 'prod/shard-1/full/20260101T000000Z')", true },
        { "named", "S3(`backup_s3`, 'prod/shard-1/full/20260101T000000Z')", true },
        { "named", "S3(backup_s3, 'prod/shard-2/full/20260101T000000Z')", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_destination_is_named_by_its_engine_and_location_only(string kind, string systemBackupsName, bool expected)
    {
        BackupDestination destination = kind switch
        {
            "s3" => S3,
            "disk" => Disk,
            _ => Named,
        };

        Assert.Equal(expected, destination.IsNamedBy(systemBackupsName));
    }

    [Fact]
    public void Every_destination_is_named_by_its_own_redacted_rendering()
    {
        Assert.All(new BackupDestination[] { S3, Disk, Named }, d => Assert.True(d.IsNamedBy(d.ToRedactedSql()), d.ToRedactedSql()));
    }
}
