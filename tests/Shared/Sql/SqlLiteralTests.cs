using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class SqlLiteralTests
{
    [Theory]
    [InlineData("", "''")]
    [InlineData("cluster/shard-1/full/20260101T000000Z", "'cluster/shard-1/full/20260101T000000Z'")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("C:\\dir\\'x'", "'C:\\\\dir\\\\\\'x\\''")]
    [InlineData("\\'", "'\\\\\\''")]
    [InlineData("line\nbreak\r\ttab\0", "'line\\nbreak\\r\\ttab\\0'")]
    [InlineData("bell\u0007del\u007F", "'bell\\x07del\\x7F'")]
    [InlineData("`back` \"double\"", "'`back` \"double\"'")]
    [InlineData("日本/🦆", "'日本/🦆'")]
    public void Quote_escapes_backslash_quote_and_control_characters(string value, string expected)
    {
        Assert.Equal(expected, SqlLiteral.Quote(value));
    }
}
