using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class BackupDestinationTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void Disk_renders_both_arguments_as_literals()
    {
        var destination = new DiskBackupDestination("backups", "cluster/shard-1/full/20260101T000000Z");

        Assert.Equal("Disk('backups', 'cluster/shard-1/full/20260101T000000Z')", destination.ToSql());
        Assert.Equal(destination.ToSql(), destination.ToRedactedSql());
        Assert.Equal(destination.ToSql(), destination.ToString());
    }

    [Fact]
    public void Disk_escapes_quotes_and_backslashes_in_the_path()
    {
        Assert.Equal("Disk('my\\'disk', 'o\\'brien\\\\x')", new DiskBackupDestination("my'disk", "o'brien\\x").ToSql());
    }

    [Fact]
    public void S3_renders_url_and_credentials()
    {
        var destination = new S3BackupDestination(new Uri("https://s3.eu-west-1.amazonaws.com/bucket/prod/shard-1/full/20260101T000000Z/"), "AKIAEXAMPLE", Secret);

        Assert.Equal(
            $"S3('https://s3.eu-west-1.amazonaws.com/bucket/prod/shard-1/full/20260101T000000Z/', 'AKIAEXAMPLE', '{Secret}')",
            destination.ToSql());
    }

    [Fact]
    public void S3_hides_the_key_id_and_the_secret_in_every_display_form()
    {
        var destination = new S3BackupDestination(new Uri("http://127.0.0.1:9000/b/p"), "AKIAEXAMPLE", Secret);
        var expected = "S3('http://127.0.0.1:9000/b/p', '[HIDDEN]', '[HIDDEN]')";

        Assert.Equal(expected, destination.ToRedactedSql());
        Assert.Equal(expected, destination.ToString());
        Assert.Equal(expected, ((BackupDestination)destination).ToString());
        Assert.DoesNotContain(Secret, $"{destination} {new[] { destination }.Single()}", StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", destination.ToRedactedSql(), StringComparison.Ordinal);
    }

    [Fact]
    public void S3_escapes_the_secret_literal()
    {
        var destination = new S3BackupDestination(new Uri("https://h/b"), "k", "se'cr\\et");

        Assert.Equal("S3('https://h/b', 'k', 'se\\'cr\\\\et')", destination.ToSql());
    }

    [Fact]
    public void S3_url_is_rendered_percent_encoded()
    {
        var destination = new S3BackupDestination(new Uri("https://h/b/it's a path/"), "k", "s");

        Assert.Equal("S3('https://h/b/it\\'s%20a%20path/', 'k', 's')", destination.ToSql());
    }

    [Fact]
    public void Named_collection_renders_identifier_and_path()
    {
        var destination = new S3NamedCollectionDestination(SqlIdentifier.Create("backup_s3"), "prod/shard-1/full/20260101T000000Z");

        Assert.Equal("S3(`backup_s3`, 'prod/shard-1/full/20260101T000000Z')", destination.ToSql());
        Assert.Equal(destination.ToSql(), destination.ToString());
    }

    public static TheoryData<Func<BackupDestination>, string, string> Rejections => new()
    {
        { () => new DiskBackupDestination("", "p"), "disk", "disk is empty." },
        { () => new DiskBackupDestination("d", ""), "path", "path is empty." },
        { () => new DiskBackupDestination("d", "a\nb"), "path", "The value \"a\\nb\" of path contains the control character U+000A at index 1." },
        { () => new DiskBackupDestination("d\0", "p"), "disk", "The value \"d\\0\" of disk contains the control character U+0000 at index 1." },
        { () => new S3NamedCollectionDestination(SqlIdentifier.Create("c"), "x\ty"), "path", "The value \"x\\ty\" of path contains the control character U+0009 at index 1." },
        { () => new S3BackupDestination(new Uri("https://h/b"), "", "s"), "accessKeyId", "accessKeyId is empty." },
        { () => new S3BackupDestination(new Uri("https://h/b"), "k", ""), "secretAccessKey", "secretAccessKey is empty." },
        { () => new S3BackupDestination(new Uri("ftp://h/b"), "k", "s"), "url", "The S3 URL \"ftp://h/b\" must be an absolute http, https or s3 URL." },
        { () => new S3BackupDestination(new Uri("bucket/path", UriKind.Relative), "k", "s"), "url", "The S3 URL \"bucket/path\" must be an absolute http, https or s3 URL." },
        { () => new S3BackupDestination(new Uri("https://user:pw@h/b"), "k", "s"), "url", "The S3 URL must not carry user info; pass the credentials as accessKeyId and secretAccessKey." },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Bad_destinations_are_rejected_naming_the_argument(Func<BackupDestination> create, string argument, string message)
    {
        var error = Assert.Throws<InvalidBackupRequestException>(create);

        Assert.Equal(argument, error.ParamName);
        Assert.Equal($"{message} (Parameter '{argument}')", error.Message);
    }

    [Fact]
    public void A_bad_secret_is_reported_without_echoing_it()
    {
        var error = Assert.Throws<InvalidBackupRequestException>(() => new S3BackupDestination(new Uri("https://h/b"), "k", "hunter2\n"));

        Assert.Equal("The value of secretAccessKey contains the control character U+000A at index 7. (Parameter 'secretAccessKey')", error.Message);
    }

    [Fact]
    public void Destinations_compare_by_value()
    {
        Assert.Equal(new DiskBackupDestination("d", "p"), new DiskBackupDestination("d", "p"));
        Assert.NotEqual<BackupDestination>(new DiskBackupDestination("d", "p"), new S3NamedCollectionDestination(SqlIdentifier.Create("d"), "p"));
    }
}
