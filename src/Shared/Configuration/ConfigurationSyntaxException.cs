namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A configuration file whose text cannot be read (YAML, TOML). The message names the file, the 1-based line and
/// column, and the problem. It is a <see cref="FormatException"/> like the JSON provider's parse errors; the file
/// provider wraps it in an <see cref="InvalidDataException"/> when it is thrown while loading.
/// </summary>
public abstract class ConfigurationSyntaxException : FormatException
{
    protected ConfigurationSyntaxException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = "";
    }

    protected ConfigurationSyntaxException(string filePath, long line, long column, string problem, Exception? innerException = null)
        : base($"{filePath}: line {line}, column {column}: {problem}", innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file as the provider resolved it (its physical path when it has one).</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the offending text, 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column of the offending text, 0 when unknown.</summary>
    public long Column { get; }
}
