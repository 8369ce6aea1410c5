namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A YAML configuration file that cannot be read: malformed YAML, a duplicate key, or a shape configuration cannot hold.
/// The message names the file, the 1-based line and column, and (when known) the configuration key path.
/// </summary>
public sealed class YamlConfigurationException : ConfigurationSyntaxException
{
    public YamlConfigurationException()
        : this("the YAML configuration is not valid")
    {
    }

    public YamlConfigurationException(string message)
        : base(message)
    {
    }

    public YamlConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public YamlConfigurationException(string filePath, long line, long column, string problem, Exception? innerException = null)
        : base(filePath, line, column, problem, innerException)
    {
    }
}
