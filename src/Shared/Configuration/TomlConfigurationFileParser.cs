using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;
using Tomlyn.Syntax;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Flattens one TOML document into configuration keys with the JSON and YAML providers' conventions, so the same
/// settings in any of the three formats yield the same key/value set: tables (<c>[a.b]</c>, dotted keys, inline
/// tables) become sections (<c>a:b</c>), array items and array-of-tables entries are numbered (<c>a:0:b</c>), an empty
/// table is a null value and an empty array an empty string. Values are invariant strings: booleans
/// <c>True</c>/<c>False</c> as the JSON provider writes them, integers in decimal (<c>0x1F</c> → <c>31</c>), floats
/// round-trip, dates and times in ISO 8601 as written (<c>00:00:05</c> is a TOML local time and binds as a duration).
/// </summary>
internal sealed class TomlConfigurationFileParser
{
    private readonly Dictionary<string, string?> data = new(StringComparer.OrdinalIgnoreCase);
    private readonly TomlMetadataStore positions = new();
    private readonly string filePath;

    private TomlConfigurationFileParser(string filePath) => this.filePath = filePath;

    /// <param name="input">The TOML text.</param>
    /// <param name="filePath">Named in error messages.</param>
    /// <exception cref="TomlConfigurationException">Malformed TOML, a key defined twice, or an empty key.</exception>
    public static Dictionary<string, string?> Parse(TextReader input, string filePath)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.ReadToEnd();
        // The syntax parser validates what the model reader lets through (a key or table defined twice).
        var document = SyntaxParser.Parse(text, filePath, validate: true);
        if (document.HasErrors)
        {
            throw TomlSyntaxErrors.First(document, filePath);
        }

        var parser = new TomlConfigurationFileParser(filePath);
        TomlTable? root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = filePath, MetadataStore = parser.positions });
        }
        catch (TomlException e)
        {
            throw new TomlConfigurationException(filePath, e.Line ?? 0, e.Column ?? 0, TomlSyntaxErrors.Clean(e.Message, secret: true), e);
        }

        if (root is not null)
        {
            parser.VisitTable(root, "", default);
        }

        return parser.data;
    }

    private void Visit(object? value, string path, SourceSpan at)
    {
        switch (value)
        {
            case TomlTable table:
                VisitTable(table, path, at);
                break;
            case TomlTableArray tables:
                VisitItems(tables.Cast<object?>().ToList(), path, at);
                break;
            case TomlArray array:
                VisitItems([.. array], path, at);
                break;
            default:
                Set(path, Scalar(value), at);
                break;
        }
    }

    private void VisitItems(List<object?> items, string path, SourceSpan at)
    {
        if (items.Count == 0)
        {
            Set(path, "", at);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            Visit(items[i], Join(path, i.ToString(CultureInfo.InvariantCulture)), at);
        }
    }

    private void VisitTable(TomlTable table, string path, SourceSpan at)
    {
        if (table.Count == 0)
        {
            if (path.Length > 0)
            {
                Set(path, null, at);
            }

            return;
        }

        positions.TryGetProperties(table, out var properties);
        foreach (var (key, value) in table)
        {
            var keyAt = properties is not null && properties.TryGetProperty(key, out var property) && property is not null ? property.Span : at;
            if (key.Trim().Length == 0)
            {
                throw Error(keyAt, path.Length == 0 ? "keys must not be empty" : $"keys must not be empty (under '{DottedKey.Of(path)}')");
            }

            Visit(value, Join(path, key), keyAt);
        }
    }

    private void Set(string path, string? value, SourceSpan at)
    {
        if (!data.TryAdd(path, value))
        {
            throw Error(at, $"duplicate key '{DottedKey.Of(path)}' (configuration keys are case-insensitive, and a key " +
                "containing ':' names the same setting as the nested keys it spells)");
        }
    }

    private static string? Scalar(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? bool.TrueString : bool.FalseString,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        TomlDateTime moment => moment.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Join(string path, string key) =>
        path.Length == 0 ? key : path + Microsoft.Extensions.Configuration.ConfigurationPath.KeyDelimiter + key;

    private TomlConfigurationException Error(SourceSpan at, string problem) =>
        new(filePath, at.Start.Line + 1, at.Start.Column + 1, problem);
}
