using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class TableNameTests
{
    [Theory]
    [InlineData("db.events", "db", "events")]
    [InlineData("`my.db`.`t`", "my.db", "t")]
    [InlineData("`my db`.t", "my db", "t")]
    [InlineData("db.`a``b`", "db", "a`b")]
    [InlineData("db.`a\\`b`", "db", "a`b")]
    [InlineData("db.`back\\\\slash`", "db", "back\\slash")]
    [InlineData("`x`.`y.z`", "x", "y.z")]
    [InlineData("données.日本", "données", "日本")]
    [InlineData("my-db.t'1", "my-db", "t'1")]
    public void Parse_reads_plain_and_quoted_parts(string text, string database, string table)
    {
        var name = TableName.Parse(text);

        Assert.Equal(database, name.Database.Value);
        Assert.Equal(table, name.Table.Value);
    }

    [Theory]
    [InlineData("db.t")]
    [InlineData("we`ird.back\\slash")]
    [InlineData("a.b.c")]
    [InlineData("a b.``")]
    public void Quote_round_trips_through_Parse(string database)
    {
        var name = new TableName(SqlIdentifier.Create(database), SqlIdentifier.Create("t.1`\\"));

        Assert.Equal(name, TableName.Parse(name.Quote()));
        Assert.Equal(name.Quote(), name.ToString());
    }

    [Fact]
    public void Quote_renders_both_parts_backticked()
    {
        Assert.Equal("`db`.`we\\`ird`", new TableName(SqlIdentifier.Create("db"), SqlIdentifier.Create("we`ird")).Quote());
    }

    [Theory]
    [InlineData("events", "no '.' after the database name")]
    [InlineData("", "the database name is empty")]
    [InlineData(".t", "the database name is empty")]
    [InlineData("db.", "the table name is empty")]
    [InlineData("a.b.c", "unexpected '.' (U+002E) at index 3 after the table name")]
    [InlineData("db .t", "the unquoted database name holds U+0020 at index 2")]
    [InlineData("db.t`x`", "the unquoted table name holds '`' (U+0060) at index 4")]
    [InlineData("`db.t", "the quoted database name has no closing backtick")]
    [InlineData("`db`t", "expected '.' after the quoted database name but found 't' (U+0074) at index 4")]
    [InlineData("db.`t\\n`", "unsupported escape at index 5 in the quoted table name")]
    [InlineData("db.``", "the table name \"\" is invalid: it is empty")]
    [InlineData("db.t\nx", "the unquoted table name holds U+000A at index 4")]
    [InlineData("`d\u0001`.t", "the database name \"d\\u0001\" is invalid: it contains the control character U+0001 at index 1")]
    public void Parse_rejects_malformed_text_saying_where(string text, string reason)
    {
        var error = Assert.Throws<InvalidSqlIdentifierException>(() => TableName.Parse(text, "tables[3]"));

        Assert.Equal(text, error.Identifier);
        Assert.StartsWith("Invalid table name \"", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("tables[3]", error.ParamName);
    }

    [Fact]
    public void Constructor_rejects_default_identifiers()
    {
        var error = Assert.Throws<ArgumentException>(() => new TableName(SqlIdentifier.Create("db"), default));

        Assert.Equal("table", error.ParamName);
    }
}
