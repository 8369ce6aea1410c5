namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A TOML configuration file that cannot be read: malformed TOML, a key defined twice (configuration keys are
/// case-insensitive, TOML's are not), or an empty key. The message names the file, the 1-based line and column and,
/// when known, the key (<c>s3.bucket</c>).
/// </summary>
public sealed class TomlConfigurationException(string filePath, long line, long column, string problem, Exception? innerException = null)
    : ConfigurationSyntaxException(filePath, line, column, problem, innerException);
