using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>Adds a configuration file by its extension: YAML for <c>.yaml</c>/<c>.yml</c>, JSON for <c>.json</c>, TOML for <c>.toml</c>.</summary>
public static class ConfigurationFiles
{
    /// <summary>The extensions <see cref="Add"/> accepts, lower case with the dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".yaml", ".yml", ".json", ".toml"];

    /// <summary>
    /// Adds the file at <paramref name="path"/> (relative paths resolve against the working directory, as an operator
    /// passing <c>--config</c> expects) as a required source: a missing file fails <c>Build()</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is none of <see cref="SupportedExtensions"/>.</exception>
    public static IConfigurationBuilder Add(IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var extension = Path.GetExtension(fullPath).ToLowerInvariant();
        return extension switch
        {
            ".yaml" or ".yml" => builder.AddYamlFile(fullPath, optional: false),
            ".json" => builder.AddJsonFile(fullPath, optional: false),
            ".toml" => builder.AddTomlFile(fullPath, optional: false),
            _ => throw new ArgumentException(
                $"config file '{path}' has {(extension.Length == 0 ? "no extension" : $"the unsupported extension '{extension}'")}: " +
                $"use one of {string.Join(", ", SupportedExtensions)}",
                nameof(path)),
        };
    }
}
