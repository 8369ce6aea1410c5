using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>
/// The text of the generated files: a YAML file of the product's shape from flat settings (<c>a:b:0:c</c>), each line
/// saying which ClickVault key it comes from, with a comment where a secret is set from the environment file instead;
/// and that environment file (<c>NAME=value</c>, single-quoted when needed, as systemd and <c>sh</c> read it).
/// </summary>
public static partial class GeneratedFiles
{
    public static string Yaml(GeneratedConfig config, IReadOnlyList<string> header, string envFile)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(header);
        var root = new Node("");
        foreach (var setting in config.Settings)
        {
            root.At(setting.Key).Set(setting.Value, setting.Source is null ? null : $"from {DottedKey.Of(setting.Source)}");
        }

        foreach (var secret in config.Secrets)
        {
            root.At(secret.Key).Secret = $"{secret.Variable} in {envFile}";
        }

        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").AppendLine(line);
        }

        text.AppendLine();
        Mapping(text, root.Children, 0, first: null);
        return text.ToString();
    }

    public static string Environment(GeneratedConfig config, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append("# ").AppendLine(line);
        }

        foreach (var secret in config.Secrets)
        {
            text.AppendLine().Append("# ").AppendLine(secret.Source is null ? $"{DottedKey.Of(secret.Key)}, generated" : $"{DottedKey.Of(secret.Key)}, from {DottedKey.Of(secret.Source)}");
            text.Append(secret.Variable).Append('=').AppendLine(PlainEnv().IsMatch(secret.Value) ? secret.Value : "'" + secret.Value.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        }

        return text.ToString();
    }

    /// <param name="first">For the first line of a list item: the indentation of its "- ".</param>
    private static void Mapping(StringBuilder text, List<Node> children, int indent, int? first)
    {
        foreach (var child in children)
        {
            if (child.Secret is { } secret)
            {
                // A comment cannot open a list item: the item's "- " goes to the next key.
                text.Append(' ', indent).Append("# ").Append(Scalar(child.Name)).Append(": ").AppendLine(secret);
                continue;
            }

            var pad = first is { } dash ? new string(' ', dash) + "- " : new string(' ', indent);
            first = null;
            if (child.Children.Count == 0)
            {
                text.Append(pad).Append(Scalar(child.Name)).Append(": ").Append(Scalar(child.Value ?? ""))
                    .AppendLine(child.Comment is null ? "" : "  # " + child.Comment);
            }
            else if (child.IsList)
            {
                text.Append(pad).Append(Scalar(child.Name)).AppendLine(":");
                foreach (var item in child.Children)
                {
                    Item(text, item, indent + 2);
                }
            }
            else
            {
                text.Append(pad).Append(Scalar(child.Name)).AppendLine(":");
                Mapping(text, child.Children, indent + 2, null);
            }
        }
    }

    private static void Item(StringBuilder text, Node item, int indent)
    {
        if (item.Children.Count == 0)
        {
            text.Append(' ', indent).Append("- ").Append(Scalar(item.Value ?? "")).AppendLine(item.Comment is null ? "" : "  # " + item.Comment);
            return;
        }

        Mapping(text, item.Children, indent + 2, first: indent);
    }

    /// <summary>Plain when YAML reads it back as the same string, else double-quoted with JSON's escapes (valid YAML).</summary>
    private static string Scalar(string value)
    {
        if (PlainYaml().IsMatch(value) && !Reserved().IsMatch(value))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_./][A-Za-z0-9_./:@+=-]*$")]
    private static partial Regex PlainYaml();

    // Lower-case true/false stay plain: the mapper writes booleans so, and YAML reads them as booleans.
    [GeneratedRegex("^(~|null|Null|NULL|True|TRUE|False|FALSE|[Yy](es)?|YES|[Nn]o?|NO|[Oo]n|ON|[Oo]ff|OFF)$")]
    private static partial Regex Reserved();

    [GeneratedRegex("^[A-Za-z0-9_./:@%+=,-]*$")]
    private static partial Regex PlainEnv();

    private sealed class Node(string name)
    {
        public string Name { get; } = name;

        public string? Value { get; private set; }

        public string? Comment { get; private set; }

        /// <summary>Where the value comes from instead, when it is a secret.</summary>
        public string? Secret { get; set; }

        public List<Node> Children { get; } = [];

        public bool IsList => Children.All(c => int.TryParse(c.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _));

        public void Set(string value, string? comment) => (Value, Comment) = (value, comment);

        public Node At(string path)
        {
            var node = this;
            foreach (var segment in path.Split(ConfigurationPath.KeyDelimiter))
            {
                var next = node.Children.Find(c => c.Name.Equals(segment, StringComparison.OrdinalIgnoreCase));
                if (next is null)
                {
                    next = new Node(segment);
                    node.Children.Add(next);
                }

                node = next;
            }

            return node;
        }
    }
}
