using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>A configuration file read as text by the parser of its source, which names the file in its errors (YAML, TOML).</summary>
public abstract class ParsedFileConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new ParsedFileConfigurationProvider(this);
    }

    /// <param name="fileName">The file's physical path when it has one, for error messages.</param>
    /// <exception cref="ConfigurationSyntaxException">The file is malformed or repeats a key.</exception>
    public abstract IDictionary<string, string?> Parse(TextReader reader, string fileName);
}

/// <summary>The keys <see cref="ParsedFileConfigurationSource.Parse"/> reads from the file.</summary>
public sealed class ParsedFileConfigurationProvider(ParsedFileConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        Data = source.Parse(reader, FileName());
    }

    private string FileName()
    {
        var path = Source.Path ?? "";
        return Source.FileProvider?.GetFileInfo(path).PhysicalPath ?? path;
    }
}
