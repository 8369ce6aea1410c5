using System.Globalization;
using System.Text;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>ClickHouse string literals.</summary>
public static class SqlLiteral
{
    /// <summary>
    /// Quotes <paramref name="value"/> as a ClickHouse string literal: single quotes, with <c>\</c> and <c>'</c>
    /// backslash-escaped and ASCII control characters written as escapes (<c>\n</c>, <c>\t</c>, <c>\xHH</c>, …),
    /// which is how ClickHouse itself formats literals. Any string can be quoted; the result is always one literal.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '\'' => text.Append("\\'"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\0' => text.Append("\\0"),
                < ' ' or '\x7F' => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => text.Append(c),
            };
        }

        return text.Append('\'').ToString();
    }
}
