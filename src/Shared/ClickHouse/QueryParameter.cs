using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>
/// A server-side query parameter bound to a <c>{name:Type}</c> placeholder. The value travels as
/// <c>param_name</c> on the URL, never inside the SQL text.
/// </summary>
public sealed partial record QueryParameter
{
    private QueryParameter(string name, string value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The value in the text form ClickHouse parses parameters with (TabSeparated escaping).</summary>
    public string Value { get; }

    public static QueryParameter String(string name, string value) => new(ValidName(name), Escape(value));

    public static QueryParameter Int64(string name, long value) => new(ValidName(name), value.ToString(CultureInfo.InvariantCulture));

    public static QueryParameter UInt64(string name, ulong value) => new(ValidName(name), value.ToString(CultureInfo.InvariantCulture));

    public static QueryParameter DateTime(string name, DateTimeOffset value) =>
        new(ValidName(name), value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));

    /// <summary>An <c>Array(String)</c>: ClickHouse reads the literal with its own quoting, no TabSeparated unescaping.</summary>
    public static QueryParameter Array(string name, IEnumerable<string> values) =>
        new(ValidName(name), "[" + string.Join(",", values.Select(QuoteInArray)) + "]");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    private static string ValidName(string name) =>
        NamePattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"query parameter name '{name}' is invalid: expected letters, digits and '_' not starting with a digit", nameof(name));

    private static string QuoteInArray(string s) => "'" + Escape(s).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
