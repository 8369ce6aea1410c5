using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

/// <summary>
/// Matching a destination against the <c>name</c> column of <c>system.backups</c>. The names are as ClickHouse 26.5 wrote them
/// (observed on the embedded engine): <c>S3('url', 'key id', '[HIDDEN]')</c> and <c>Disk('disk', 'path')</c>.
/// </summary>
public sealed class BackupDestinationNameTests
{
    private static readonly S3BackupDestination S3 = new(new Uri("http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z/"), "AKIAEXAMPLE", "secret");
    private static readonly DiskBackupDestination Disk = new("backups", "prod/shard-1/full/20260101T000000Z/");
    private static readonly S3NamedCollectionDestination Named = new(SqlIdentifier.Create("backup_s3", "collection"), "prod/shard-1/full/20260101T000000Z/");

    public static TheoryData<string, string, bool> Cases => new()
    {
        // Same place: credentials and a trailing '/' do not count.
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z/', 'AKIAEXAMPLE', '[HIDDEN]')", false },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z/', 'OTHERKEY', '[HIDDEN]')", false },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z')", false },
        { "disk", "Disk('backups', 'prod/shard-1/full/20260101T000000Z/')", false },
        { "disk", "disk('backups', 'prod/shard-1/full/20260101T000000Z')", false },
        { "named", "S3(backup_s3, 'prod/shard-1/full/20260101T000000Z/')", false },
        { "named", "S3(`backup_s3`, 'prod/shard-1/full/20260101T000000Z/')", false },

        // Another place.
        { "s3", "S3('http://127.0.0.1:9000/bucket/test/shard-1/full/20260101T000000Z/', 'AKIAEXAMPLE', '[HIDDEN]')", true },
        { "s3", "S3('http://127.0.0.1:9000/bucket/prod/shard-1/full/20260101T000000Z1/', 'AKIAEXAMPLE', '[HIDDEN]')", true },
        { "s3", "Disk('backups', 'prod/shard-1/full/20260101T000000Z/')", true },
        { "disk", "Disk('backups', 'retain/shard-1/full/20260101T000000Z/')", true },
        { "disk", "Disk('other', 'prod/shard-1/full/20260101T000000Z/')", true },
        { "disk", "Disk('backups', 'prod/shard-1/full/20260101T000000Z/x')", true },
        { "named", "S3(backup_s3, 'prod/shard-2/full/20260101T000000Z/')", true },

        // Cannot tell: never called another place.
        { "s3", "", false },
        { "s3", "S3", false },
        { "disk", "Disk('backups', 'unterminated)", false },
        { "disk", "Disk('backups')", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_name_is_another_place_only_when_its_engine_or_location_clearly_differ(string kind, string systemBackupsName, bool expected)
    {
        BackupDestination destination = kind switch
        {
            "s3" => S3,
            "disk" => Disk,
            _ => Named,
        };

        Assert.Equal(expected, destination.IsElsewhere(systemBackupsName));
    }

    [Fact]
    public void No_destination_is_elsewhere_from_its_own_rendering()
    {
        Assert.All(new BackupDestination[] { S3, Disk, Named }, d => Assert.False(d.IsElsewhere(d.ToRedactedSql()), d.ToRedactedSql()));
        Assert.All(new BackupDestination[] { S3, Disk, Named }, d => Assert.False(d.IsElsewhere(d.ToSql()), d.ToSql()));
    }

    [Fact]
    public void Names_parse_into_engine_and_unquoted_arguments()
    {
        Assert.Equal("S3|http://h/b/k/|AK|[HIDDEN]", Parts("S3('http://h/b/k/', 'AK', '[HIDDEN]')"));
        Assert.Equal("Disk|my'disk|o'brien\\x", Parts(@"Disk('my\'disk', 'o\'brien\\x')"));
        Assert.Equal("S3|coll|p, q", Parts("S3(`coll`, 'p, q')"));
        Assert.Null(SystemBackupName.TryParse("not a name"));
        Assert.Null(SystemBackupName.TryParse("Disk('a' 'b')"));
    }

    private static string Parts(string name) =>
        SystemBackupName.TryParse(name) is { } parsed ? string.Join("|", [parsed.Engine, .. parsed.Arguments]) : "";
}
