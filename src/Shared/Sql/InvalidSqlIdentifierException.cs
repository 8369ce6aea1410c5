namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A database, table or collection name (or a <c>database.table</c> text) cannot be used in SQL. The message shows
/// the offending text escaped for display; <see cref="ArgumentException.ParamName"/> names where it came from.
/// </summary>
public sealed class InvalidSqlIdentifierException : ArgumentException
{
    internal InvalidSqlIdentifierException(string identifier, string reason, string? argumentName, string kind = "SQL identifier")
        : base($"Invalid {kind} {DisplayText.Quote(identifier)}: {reason}.", argumentName)
    {
        Identifier = identifier;
        Reason = reason;
    }

    /// <summary>The rejected text, unescaped.</summary>
    public string Identifier { get; }

    public string Reason { get; }
}
