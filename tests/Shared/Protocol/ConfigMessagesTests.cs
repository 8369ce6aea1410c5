using ClickVault.Cluster.Shared.ConfigFiles;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

public sealed class ConfigMessagesTests
{
    public static TheoryData<ProtocolMessage> ConfigMessages => new()
    {
        new CollectConfig(new OperationId("20261122T020000Z-1")),
        new ConfigFileContent(new OperationId("20261122T020000Z-1"), "config.d/macros.xml", "<clickhouse/>"u8.ToArray(), new string('a', 64)),
        new ConfigCollected(new OperationId("20261122T020000Z-1"), "/etc/clickhouse-server",
            [new ConfigFileEntry("config.xml", 120, new string('b', 64))], [new RefusedConfigEntry("passwd", "symbolic link to /etc/passwd leads outside /etc/clickhouse-server")], null),
        new ConfigCollected(new OperationId("20261122T020000Z-2"), "/etc/clickhouse-server", [], [], "config directory /etc/clickhouse-server does not exist"),
    };

    [Theory]
    [MemberData(nameof(ConfigMessages))]
    public void Config_messages_round_trip(ProtocolMessage message)
    {
        var decoded = Wire.RoundTrip(message);

        Assert.True(decoded.Ok, decoded.Rejection);
        Assert.Equal(Wire.Json(message), Wire.Json(decoded.Message!));
    }

    [Fact]
    public void File_content_travels_as_base64()
    {
        var json = Wire.Json(new ConfigFileContent(new OperationId("r-1"), "a.xml", [1, 2, 3], "h"));

        Assert.Equal("""{"type":"config.file","operation_id":"r-1","path":"a.xml","content":"AQID","sha256":"h"}""", json);
    }

    [Theory]
    [InlineData("""{"type":"config.file","operation_id":"r-1","path":"a.xml","content":"not base64!","sha256":"h"}""", "malformed 'config.file.v1' message")]
    [InlineData("""{"type":"config.collected","operation_id":"r-1","directory":"/etc","files":null,"refused":[],"error":null}""", "files")]
    public void Malformed_config_messages_are_rejected(string wire, string reason)
    {
        var decoded = Wire.Decode(wire);

        Assert.False(decoded.Ok);
        Assert.Contains(reason, decoded.Rejection, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.xml", null)]
    [InlineData("config.d/zz-macros.xml", null)]
    [InlineData("", "empty")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("../secrets.xml", "'..' segment")]
    [InlineData("config.d/../../x", "'..' segment")]
    [InlineData("a//b", "empty, '.' or '..' segment")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a\nb", "control character")]
    public void Relative_paths_that_could_leave_the_directory_are_refused(string path, string? problem)
    {
        var found = ConfigRelativePath.Problem(path);

        if (problem is null)
        {
            Assert.Null(found);
            Assert.StartsWith(Path.GetFullPath("/tmp/restore-target") + "/", ConfigRelativePath.Under("/tmp/restore-target", path), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => ConfigRelativePath.Under("/tmp/restore-target", path));
        }
    }
}
