using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Flattens one YAML document into configuration keys, following the JSON provider's conventions so the same
/// settings in either format yield the same key/value set:
/// mappings become sections (<c>a:b</c>), sequence items are numbered (<c>a:0</c>, <c>a:1</c>), scalars are values,
/// plain <c>null</c>/<c>~</c>/empty become null, plain <c>true</c>/<c>false</c> (any YAML 1.2 spelling) become
/// <c>True</c>/<c>False</c> as the JSON provider writes them, an empty mapping is a null value and an empty sequence an
/// empty string. Every other scalar keeps its text as written (numbers, durations, quoted strings, block scalars);
/// YAML 1.1's <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c> stay strings. Anchors and aliases work, and so do merge keys
/// (<c>&lt;&lt;: *defaults</c>): keys written in the mapping win over merged ones, earlier merged mappings over later.
/// </summary>
internal sealed class YamlConfigurationFileParser
{
    private const string MergeKey = "<<";
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string StrTag = "tag:yaml.org,2002:str";

    private readonly Dictionary<string, string?> data = new(StringComparer.OrdinalIgnoreCase);
    private readonly string filePath;

    private YamlConfigurationFileParser(string filePath) => this.filePath = filePath;

    /// <param name="input">The YAML text.</param>
    /// <param name="filePath">Named in error messages.</param>
    /// <exception cref="YamlConfigurationException">Malformed YAML, a duplicate key, or a shape configuration cannot hold.</exception>
    public static Dictionary<string, string?> Parse(TextReader input, string filePath)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parser = new YamlConfigurationFileParser(filePath);
        var root = parser.Load(input);
        if (root is not null)
        {
            parser.VisitRoot(root);
        }

        return parser.data;
    }

    private YamlNode? Load(TextReader input)
    {
        var scanner = new Scanner(input, skipComments: true);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DuplicateKeyCheckingParser(new Parser(scanner), filePath));
        }
        catch (YamlException e)
        {
            throw new YamlConfigurationException(filePath, e.Start.Line, e.Start.Column, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs (e.g. "[1, 2" at the end of the file).
            var at = scanner.CurrentPosition;
            throw new YamlConfigurationException(filePath, at.Line, at.Column, "malformed YAML: unexpected end of a collection or scalar (an unclosed '[', '{' or quote?)", e);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new YamlConfigurationException(filePath, second.Line, second.Column, "the file holds several YAML documents ('---'); a configuration file must hold one");
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private void VisitRoot(YamlNode root)
    {
        switch (root)
        {
            case YamlMappingNode mapping:
                VisitMapping(mapping, "");
                break;
            case YamlScalarNode scalar when ScalarValue(scalar) is null:
                break;
            default:
                throw Error(root, "", "the top level must be a mapping of keys (key: value), not a sequence or a single value");
        }
    }

    private void Visit(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                Set(path, ScalarValue(scalar), node);
                break;
            case YamlSequenceNode sequence:
                VisitSequence(sequence, path);
                break;
            case YamlMappingNode mapping:
                VisitMapping(mapping, path);
                break;
            default:
                throw Error(node, path, $"unsupported YAML node {node.NodeType}");
        }
    }

    private void VisitSequence(YamlSequenceNode sequence, string path)
    {
        if (sequence.Children.Count == 0)
        {
            Set(path, "", sequence);
            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            Visit(sequence.Children[i], Join(path, i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private void VisitMapping(YamlMappingNode mapping, string path)
    {
        if (mapping.Children.Count == 0)
        {
            if (path.Length > 0)
            {
                Set(path, null, mapping);
            }

            return;
        }

        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var merged = new List<YamlMappingNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = KeyOf(keyNode, path);
            if (key == MergeKey && keyNode is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                merged.AddRange(MergeSources(value, path));
                continue;
            }

            written.Add(key);
            Visit(value, Join(path, key));
        }

        foreach (var source in merged)
        {
            foreach (var (keyNode, value) in source.Children)
            {
                var key = KeyOf(keyNode, path);
                if (key != MergeKey && written.Add(key))
                {
                    Visit(value, Join(path, key));
                }
            }
        }
    }

    private IEnumerable<YamlMappingNode> MergeSources(YamlNode value, string path) => value switch
    {
        YamlMappingNode single => [single],
        YamlSequenceNode many when many.Children.All(c => c is YamlMappingNode) => many.Children.Cast<YamlMappingNode>(),
        _ => throw Error(value, path, "a merge key (<<) takes a mapping or a sequence of mappings, e.g. <<: *defaults"),
    };

    private string KeyOf(YamlNode keyNode, string path)
    {
        if (keyNode is not YamlScalarNode { Value: { } key })
        {
            throw Error(keyNode, path, "keys must be plain values; a sequence or mapping cannot be a configuration key");
        }

        if (key.Trim().Length == 0)
        {
            throw Error(keyNode, path, "keys must not be empty");
        }

        return key;
    }

    private void Set(string path, string? value, YamlNode node)
    {
        if (!data.TryAdd(path, value))
        {
            throw Error(node, "", $"duplicate key '{path}' (a key containing ':' names the same setting as the nested keys it spells)");
        }
    }

    private static string? ScalarValue(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag == StrTag)
        {
            return value;
        }

        if (tag == NullTag)
        {
            return null;
        }

        if (scalar.Style != ScalarStyle.Plain && tag != BoolTag)
        {
            return value;
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" when tag != BoolTag => null,
            "true" or "True" or "TRUE" => bool.TrueString,
            "false" or "False" or "FALSE" => bool.FalseString,
            _ => value,
        };
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + Microsoft.Extensions.Configuration.ConfigurationPath.KeyDelimiter + key;

    private YamlConfigurationException Error(YamlNode node, string path, string problem) =>
        new(filePath, node.Start.Line, node.Start.Column, path.Length == 0 ? problem : $"{problem} (under '{path}')");
}
