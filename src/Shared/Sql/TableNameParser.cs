using System.Globalization;
using System.Text;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>Reads <c>database.table</c> with optionally backtick-quoted parts; see <see cref="TableName.Parse"/>.</summary>
internal static class TableNameParser
{
    public static TableName Parse(string text, string? argumentName)
    {
        ArgumentNullException.ThrowIfNull(text, argumentName);
        var position = 0;
        var database = ReadPart(text, ref position, "database", argumentName);
        if (position == text.Length)
        {
            throw Fail(text, "expected database.table but there is no '.' after the database name", argumentName);
        }

        position++; // ReadPart stops only at the end, at a '.' after a bare part, or right after a closing quote.
        if (text[position - 1] != '.')
        {
            throw Fail(text, $"expected '.' after the quoted database name but found {DisplayText.Character(text[position - 1])} at index {position - 1}", argumentName);
        }

        var table = ReadPart(text, ref position, "table", argumentName);
        if (position != text.Length)
        {
            throw Fail(text, $"unexpected {DisplayText.Character(text[position])} at index {position} after the table name; quote names holding '.' with backticks", argumentName);
        }

        return new TableName(Identifier(text, database, "database", argumentName), Identifier(text, table, "table", argumentName));
    }

    private static string ReadPart(string text, ref int position, string part, string? argumentName)
    {
        if (position < text.Length && text[position] == '`')
        {
            return ReadQuoted(text, ref position, part, argumentName);
        }

        var start = position;
        while (position < text.Length && text[position] != '.')
        {
            var c = text[position];
            if (c == '`' || char.IsWhiteSpace(c))
            {
                throw Fail(text, string.Create(CultureInfo.InvariantCulture,
                    $"the unquoted {part} name holds {DisplayText.Character(c)} at index {position}; quote the name with backticks"), argumentName);
            }

            position++;
        }

        return position > start ? text[start..position] : throw Fail(text, $"the {part} name is empty", argumentName);
    }

    private static string ReadQuoted(string text, ref int position, string part, string? argumentName)
    {
        var name = new StringBuilder();
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            var next = position + 1 < text.Length ? text[position + 1] : '\0';
            if (c == '`' && next != '`')
            {
                position++;
                return name.ToString();
            }

            if (c == '\\' && next is not ('\\' or '`'))
            {
                throw Fail(text, string.Create(CultureInfo.InvariantCulture,
                    $"unsupported escape at index {position} in the quoted {part} name; only \\` , `` and \\\\ are allowed"), argumentName);
            }

            if (c is '\\' or '`')
            {
                position++;
            }

            name.Append(text[position]);
        }

        throw Fail(text, $"the quoted {part} name has no closing backtick", argumentName);
    }

    private static SqlIdentifier Identifier(string text, string name, string part, string? argumentName)
    {
        var problem = SqlIdentifier.FindProblem(name);
        return problem is null
            ? SqlIdentifier.Create(name, argumentName)
            : throw Fail(text, $"the {part} name {DisplayText.Quote(name)} is invalid: {problem}", argumentName);
    }

    private static InvalidSqlIdentifierException Fail(string text, string reason, string? argumentName) =>
        new(text, reason, argumentName, "table name");
}
