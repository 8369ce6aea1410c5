using ClickVault.Cluster.Shared.ClickHouse;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.ClickHouse;

public sealed class ClickHouseOptionsTests
{
    private static readonly ClickHouseOptions Valid = new() { Url = new Uri("http://127.0.0.1:8123/"), Password = "s3cr3t" };

    public static TheoryData<ClickHouseOptions, string> Invalid => new()
    {
        { Valid with { Url = null }, "clickhouse.url must be an absolute http(s) URL" },
        { Valid with { Url = new Uri("ftp://host/") }, "clickhouse.url must be an absolute http(s) URL" },
        { Valid with { Url = new Uri("http://user:pw@host:8123/") }, "clickhouse.url must not carry credentials" },
        { Valid with { User = " " }, "clickhouse.user must not be empty" },
        { Valid with { Database = "" }, "clickhouse.database must not be empty" },
        { Valid with { Timeout = TimeSpan.Zero }, "clickhouse.timeout must be > 0" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_key_is_named(ClickHouseOptions options, string expected)
    {
        var result = new ClickHouseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_options_pass_and_the_password_is_hidden_in_text()
    {
        Assert.True(new ClickHouseOptionsValidator().Validate(null, Valid).Succeeded);
        Assert.DoesNotContain("s3cr3t", Valid.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("a b")]
    public void Parameter_names_outside_identifier_syntax_are_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => QueryParameter.String(name, "v"));
        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }
}
