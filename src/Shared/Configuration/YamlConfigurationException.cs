namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A YAML configuration file that cannot be read: malformed YAML, a duplicate key, or a shape configuration cannot hold.
/// The message names the file, the 1-based line and column, and (when known) the configuration key path.
/// It is a <see cref="FormatException"/> like the JSON provider's parse errors; the file provider wraps it in an
/// <see cref="InvalidDataException"/> ("Failed to load configuration from file ...") when it is thrown while loading.
/// </summary>
public sealed class YamlConfigurationException : FormatException
{
    public YamlConfigurationException()
        : this("the YAML configuration is not valid")
    {
    }

    public YamlConfigurationException(string message)
        : base(message)
    {
        FilePath = "";
    }

    public YamlConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "";
    }

    public YamlConfigurationException(string filePath, long line, long column, string problem, Exception? innerException = null)
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
