using System.Runtime.CompilerServices;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>A table qualified by its database; renders as <c>`db`.`table`</c>.</summary>
public sealed record TableName
{
    public TableName(SqlIdentifier database, SqlIdentifier table)
    {
        if (database.IsDefault || table.IsDefault)
        {
            throw new ArgumentException("A table name needs a database and a table identifier; default(SqlIdentifier) holds no name.",
                database.IsDefault ? nameof(database) : nameof(table));
        }

        Database = database;
        Table = table;
    }

    public SqlIdentifier Database { get; }

    public SqlIdentifier Table { get; }

    /// <summary>
    /// Parses <c>database.table</c>. Either part may be backtick-quoted to hold dots, spaces or backticks
    /// (<c>`my.db`.`t`</c>); inside quotes <c>\`</c>, <c>``</c> and <c>\\</c> are the only escapes.
    /// Unquoted parts may hold any character except <c>.</c>, <c>`</c> and white space.
    /// </summary>
    /// <exception cref="InvalidSqlIdentifierException">The text is not a qualified table name; the message says why and where.</exception>
    public static TableName Parse(string text, [CallerArgumentExpression(nameof(text))] string? argumentName = null) =>
        TableNameParser.Parse(text, argumentName);

    public string Quote() => $"{Database.Quote()}.{Table.Quote()}";

    public override string ToString() => Quote();
}
