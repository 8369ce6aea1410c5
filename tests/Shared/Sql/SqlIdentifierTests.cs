using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("events", "`events`")]
    [InlineData("my db", "`my db`")]
    [InlineData("my.db", "`my.db`")]
    [InlineData("we`ird", "`we\\`ird`")]
    [InlineData("back\\slash", "`back\\\\slash`")]
    [InlineData("`", "`\\``")]
    [InlineData("\\`", "`\\\\\\``")]
    [InlineData("it's \"quoted\"", "`it's \"quoted\"`")]
    [InlineData("événements_日本_🦆", "`événements_日本_🦆`")]
    [InlineData("`; DROP DATABASE x; --", "`\\`; DROP DATABASE x; --`")]
    public void Quote_escapes_backticks_and_backslashes_only(string name, string expected)
    {
        var identifier = SqlIdentifier.Create(name);

        Assert.Equal(name, identifier.Value);
        Assert.Equal(expected, identifier.Quote());
        Assert.Equal(expected, identifier.ToString());
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("a\0b", "control character U+0000 at index 1")]
    [InlineData("db\nDROP", "control character U+000A at index 2")]
    [InlineData("\r", "control character U+000D at index 0")]
    [InlineData("tab\there", "control character U+0009 at index 3")]
    [InlineData("del\u007F", "control character U+007F at index 3")]
    [InlineData("c1\u0085", "control character U+0085 at index 2")]
    public void Create_rejects_unusable_names_and_says_why(string name, string reason)
    {
        var error = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create(name, "cluster.database"));

        Assert.Equal(name, error.Identifier);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("cluster.database", error.ParamName);
        Assert.Contains("'cluster.database'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("half", 0xD83E, "", "unpaired surrogate U+D83E at index 4")]
    [InlineData("", 0xDD86, "low", "unpaired surrogate U+DD86 at index 0")]
    [InlineData("ok", 0xDD86, "", "unpaired surrogate U+DD86 at index 2")]
    public void Create_rejects_unpaired_surrogates(string before, int surrogate, string after, string reason)
    {
        // Built at run time: attribute arguments cannot carry lone surrogates.
        var name = before + (char)surrogate + after;

        var error = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create(name, "table"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains($"\\u{surrogate:X4}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_message_shows_the_name_escaped_for_display()
    {
        var error = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create("db\n\"x\"\\\u202E"));

        Assert.StartsWith("Invalid SQL identifier \"db\\n\\\"x\\\"\\\\\\u202E\": it contains the control character U+000A", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Argument_name_defaults_to_the_callers_expression()
    {
        var config = new { Database = "bad\nname" };

        var error = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create(config.Database));

        Assert.Equal("config.Database", error.ParamName);
    }

    [Fact]
    public void Length_limit_counts_utf8_bytes()
    {
        Assert.Equal(255, SqlIdentifier.Create(new string('a', 255)).Value.Length);
        Assert.Equal(85, SqlIdentifier.Create(new string('日', 85)).Value.Length); // 255 bytes

        var ascii = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create(new string('a', 256)));
        var wide = Assert.Throws<InvalidSqlIdentifierException>(() => SqlIdentifier.Create(new string('é', 128)));

        Assert.Contains("256 bytes long in UTF-8; at most 255", ascii.Message, StringComparison.Ordinal);
        Assert.Contains("256 bytes long in UTF-8; at most 255", wide.Message, StringComparison.Ordinal);
        Assert.Contains("(256 characters in all)", ascii.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_an_argument_null_error_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentNullException>(() => SqlIdentifier.Create(null!, "database"));

        Assert.Equal("database", error.ParamName);
    }

    [Fact]
    public void Equality_is_ordinal_and_case_sensitive()
    {
        Assert.Equal(SqlIdentifier.Create("Events"), SqlIdentifier.Create("Events"));
        Assert.NotEqual(SqlIdentifier.Create("Events"), SqlIdentifier.Create("events"));
    }

    [Fact]
    public void Default_identifier_holds_no_name()
    {
        var identifier = default(SqlIdentifier);

        Assert.True(identifier.IsDefault);
        Assert.Equal(string.Empty, identifier.ToString());
        Assert.Throws<InvalidOperationException>(() => identifier.Quote());
        Assert.False(SqlIdentifier.Create("x").IsDefault);
    }
}
