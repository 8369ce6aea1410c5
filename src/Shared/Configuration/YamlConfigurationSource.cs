namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A YAML configuration file (see <see cref="YamlConfigurationFileParser"/> for the mapping), added with
/// <see cref="YamlConfigurationExtensions.AddYamlFile(Microsoft.Extensions.Configuration.IConfigurationBuilder, string, bool)"/>.
/// </summary>
public sealed class YamlConfigurationSource : ParsedFileConfigurationSource
{
    /// <exception cref="YamlConfigurationException">The YAML is malformed, repeats a key, or has a shape configuration cannot hold.</exception>
    public override IDictionary<string, string?> Parse(TextReader reader, string fileName) => YamlConfigurationFileParser.Parse(reader, fileName);
}
