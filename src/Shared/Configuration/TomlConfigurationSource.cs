using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A TOML configuration file (see <see cref="TomlConfigurationFileParser"/> for the mapping), added with
/// <see cref="TomlConfigurationExtensions.AddTomlFile"/>.
/// </summary>
public sealed class TomlConfigurationSource : ParsedFileConfigurationSource
{
    /// <exception cref="TomlConfigurationException">The TOML is malformed, defines a key twice, or has an empty key.</exception>
    public override IDictionary<string, string?> Parse(TextReader reader, string fileName) => TomlConfigurationFileParser.Parse(reader, fileName);
}

/// <summary>Adds TOML files to a configuration builder, the way <c>AddJsonFile</c> adds JSON ones.</summary>
public static class TomlConfigurationExtensions
{
    /// <summary>
    /// Adds the TOML file at <paramref name="path"/>; a relative path resolves against the builder's base path, as with
    /// <c>AddJsonFile</c>. When not <paramref name="optional"/>, a missing file fails <c>Build()</c>.
    /// </summary>
    public static IConfigurationBuilder AddTomlFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.Add<TomlConfigurationSource>(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ResolveFileProvider();
        });
    }
}
