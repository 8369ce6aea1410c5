using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>A YAML file as configuration keys (see <see cref="YamlConfigurationFileParser"/> for the mapping).</summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : ParsedFileConfigurationProvider(source)
{
    /// <exception cref="YamlConfigurationException">The YAML is malformed, repeats a key, or has a shape configuration cannot hold.</exception>
    protected override IDictionary<string, string?> Parse(TextReader reader, string fileName) => YamlConfigurationFileParser.Parse(reader, fileName);
}

/// <summary>A YAML configuration file, added with <see cref="YamlConfigurationExtensions.AddYamlFile(IConfigurationBuilder, string, bool)"/>.</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
