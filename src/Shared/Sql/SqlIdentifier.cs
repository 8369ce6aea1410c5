using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A validated ClickHouse identifier (database, table, named collection). Any Unicode text is allowed except:
/// empty, longer than <see cref="MaxUtf8Bytes"/> bytes in UTF-8, control characters (NUL, newline, …) and unpaired
/// surrogates. Comparison is ordinal, as in ClickHouse. <c>default(SqlIdentifier)</c> holds no name: reading
/// <see cref="Value"/> or quoting it throws.
/// </summary>
public readonly record struct SqlIdentifier
{
    /// <summary>ClickHouse keeps each database and table as a file or directory named after it.</summary>
    public const int MaxUtf8Bytes = 255;

    private readonly string? _value;

    private SqlIdentifier(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException(
        "This SqlIdentifier is default(SqlIdentifier) and holds no name; create identifiers with SqlIdentifier.Create.");

    public bool IsDefault => _value is null;

    /// <summary>Validates <paramref name="value"/>; <paramref name="argumentName"/> names its source in errors.</summary>
    /// <exception cref="InvalidSqlIdentifierException">The value is not a usable identifier.</exception>
    public static SqlIdentifier Create(string value, [CallerArgumentExpression(nameof(value))] string? argumentName = null)
    {
        ArgumentNullException.ThrowIfNull(value, argumentName);
        var problem = FindProblem(value);
        return problem is null ? new SqlIdentifier(value) : throw new InvalidSqlIdentifierException(value, problem, argumentName);
    }

    /// <summary>
    /// Backtick-quotes the identifier, escaping <c>\</c> as <c>\\</c> and <c>`</c> as <c>\`</c>, the form
    /// ClickHouse's lexer reads and its own formatter writes.
    /// </summary>
    public string Quote()
    {
        var value = Value;
        var text = new StringBuilder(value.Length + 2).Append('`');
        foreach (var c in value)
        {
            _ = c is '\\' or '`' ? text.Append('\\').Append(c) : text.Append(c);
        }

        return text.Append('`').ToString();
    }

    /// <summary>The quoted form; empty for <c>default(SqlIdentifier)</c>.</summary>
    public override string ToString() => IsDefault ? string.Empty : Quote();

    /// <summary>Why <paramref name="value"/> is not a valid identifier, as a clause ("it is empty"), or null.</summary>
    internal static string? FindProblem(string value)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains the control character U+{(int)c:X4} at index {i}");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains an unpaired surrogate U+{(int)c:X4} at index {i}");
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > MaxUtf8Bytes
            ? string.Create(CultureInfo.InvariantCulture, $"it is {bytes} bytes long in UTF-8; at most {MaxUtf8Bytes} are allowed")
            : null;
    }
}
