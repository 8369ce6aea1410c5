using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>Adds YAML files to a configuration builder, the way <c>AddJsonFile</c> adds JSON ones.</summary>
public static class YamlConfigurationExtensions
{
    /// <summary>
    /// Adds the YAML file at <paramref name="path"/>. A relative path resolves against the builder's base path
    /// (as with <c>AddJsonFile</c>); <see cref="ConfigurationFiles.Add"/> resolves against the working directory instead.
    /// </summary>
    /// <param name="optional">When false, a missing file fails <c>Build()</c> with a <see cref="FileNotFoundException"/>.</param>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path, bool optional = false) =>
        builder.AddYamlFile(path, optional, reloadOnChange: false);

    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.AddYamlFile(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, Action<YamlConfigurationSource> configure) =>
        builder.Add(configure);
}
