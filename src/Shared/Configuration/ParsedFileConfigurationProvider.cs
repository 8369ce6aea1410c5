using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>A configuration file read as text by a parser that names the file in its errors (YAML, TOML).</summary>
public abstract class ParsedFileConfigurationProvider(FileConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <exception cref="ConfigurationSyntaxException">The file is malformed or repeats a key.</exception>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        Data = Parse(reader, FileName());
    }

    /// <param name="fileName">The file's physical path when it has one, for error messages.</param>
    protected abstract IDictionary<string, string?> Parse(TextReader reader, string fileName);

    private string FileName()
    {
        var path = Source.Path ?? "";
        return Source.FileProvider?.GetFileInfo(path).PhysicalPath ?? path;
    }
}
