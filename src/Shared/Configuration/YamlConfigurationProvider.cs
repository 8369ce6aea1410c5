using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>A YAML file as configuration keys (see <see cref="YamlConfigurationFileParser"/> for the mapping).</summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <exception cref="YamlConfigurationException">The YAML is malformed, repeats a key, or has a shape configuration cannot hold.</exception>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        Data = YamlConfigurationFileParser.Parse(reader, FileName());
    }

    private string FileName()
    {
        var path = Source.Path ?? "";
        return Source.FileProvider?.GetFileInfo(path).PhysicalPath ?? path;
    }
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
