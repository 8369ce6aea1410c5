using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Loads one configuration file on its own (YAML, JSON or TOML by extension, through <see cref="ConfigurationFiles.Add"/>),
/// so a process can check the file's sections and then layer the environment over it.
/// </summary>
public static class ConfigurationFileLoader
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The extension is not supported.</exception>
    /// <exception cref="ConfigurationFileException">The file cannot be read: malformed YAML, JSON or TOML, a duplicate key.</exception>
    public static IConfigurationRoot Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"config file '{path}' does not exist", fullPath);
        }

        var builder = ConfigurationFiles.Add(new ConfigurationBuilder(), path);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ConfigurationFileException(Describe(path, e), e);
        }
    }

    /// <summary>The most precise message in the chain: YAML and TOML errors carry file, line and column, JSON ones line and byte.</summary>
    private static string Describe(string path, Exception e)
    {
        var chain = new List<Exception>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            chain.Add(current);
        }

        if (chain.OfType<ConfigurationSyntaxException>().FirstOrDefault() is { } syntax)
        {
            return $"config file {syntax.Message}";
        }

        if (chain.OfType<JsonException>().FirstOrDefault() is { } json)
        {
            return $"config file '{path}' is not valid JSON: {json.Message}";
        }

        return $"config file '{path}' cannot be read: {chain[^1].Message}";
    }
}

/// <summary>A configuration file that exists but cannot be read; the message names the file and, when known, the line.</summary>
public sealed class ConfigurationFileException : Exception
{
    public ConfigurationFileException()
        : this("the configuration file cannot be read")
    {
    }

    public ConfigurationFileException(string message)
        : base(message)
    {
    }

    public ConfigurationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
