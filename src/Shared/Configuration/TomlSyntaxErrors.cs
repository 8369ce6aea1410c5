using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Tomlyn.Syntax;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Turns Tomlyn's first syntax error into a <see cref="TomlConfigurationException"/> that names the key it lies in.
/// Tomlyn quotes the offending source text (<c>Unexpected token `hunter2`</c>, <c>already defined with `password = ...`</c>);
/// inside a secret key, or where the key is unknown, that text is dropped so a malformed secret is never printed.
/// </summary>
internal static partial class TomlSyntaxErrors
{
    public static TomlConfigurationException First(DocumentSyntax document, string filePath)
    {
        // Tomlyn's order: the first is the cause, later ones often follow from it (and some carry no position).
        var errors = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).ToList();
        var error = errors[0];
        var key = KeyAt(document, error.Span.Start);
        var problem = Clean(error.Message, key is null || ConfigurationSecrets.IsSecretKey(key))
            + (key is null ? "" : $" (key '{DottedKey.Of(key)}')")
            + (errors.Count > 1 ? $"; {errors.Count - 1} more error(s) follow from it or later in the file" : "");
        return new TomlConfigurationException(filePath, error.Span.Start.Line + 1, error.Span.Start.Column + 1, problem);
    }

    /// <summary>The message without the earlier definition Tomlyn quotes and, when <paramref name="secret"/>, without any quoted text.</summary>
    public static string Clean(string message, bool secret)
    {
        var text = EarlierDefinition().Replace(message.Trim(), " and cannot be redefined");
        return secret ? QuotedText().Replace(text, "`…`") : text;
    }

    /// <summary>The configuration path (<c>a:b:0:c</c>) of the innermost key-value or table at <paramref name="at"/>.</summary>
    private static string? KeyAt(DocumentSyntax document, TextPosition at)
    {
        var nodes = document.Descendants().ToList();
        var keyValues = nodes.OfType<KeyValueSyntax>().ToList();
        SyntaxNode? node = keyValues.Where(kv => Contains(kv.Span, at)).MinBy(kv => kv.Span.Length)
            // A value the parser could not read is often left out of its key-value's span.
            ?? keyValues.Where(kv => kv.Span.Start.Line == at.Line && kv.Span.Start.Column <= at.Column).MaxBy(kv => kv.Span.Start.Column);
        node ??= nodes.OfType<TableSyntaxBase>().Where(t => Contains(t.Span, at)).MinBy(t => t.Span.Length);
        return node is null ? null : PathOf(node, document);
    }

    private static bool Contains(SourceSpan span, TextPosition at) =>
        (span.Start.Line, span.Start.Column).CompareTo((at.Line, at.Column)) <= 0
        && (span.End.Line, span.End.Column).CompareTo((at.Line, at.Column)) >= 0;

    private static string? PathOf(SyntaxNode node, DocumentSyntax document)
    {
        var segments = new List<string>();
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case KeyValueSyntax { Key: { } key }:
                    segments.InsertRange(0, Segments(key));
                    break;
                case ArrayItemSyntax item when item.Parent?.Parent is ArraySyntax array:
                    segments.Insert(0, Index(array.Items.OfType<ArrayItemSyntax>(), item));
                    break;
                case TableArraySyntax { Name: { } name } table:
                    var earlier = document.Tables.OfType<TableArraySyntax>().Where(t => t.Name?.ToString().Trim() == name.ToString().Trim());
                    segments.InsertRange(0, [.. Segments(name), Index(earlier, table)]);
                    break;
                case TableSyntaxBase { Name: { } name }:
                    segments.InsertRange(0, Segments(name));
                    break;
            }
        }

        return segments.Count == 0 ? null : string.Join(ConfigurationPath.KeyDelimiter, segments);
    }

    private static string Index<T>(IEnumerable<T> items, T item) =>
        items.TakeWhile(i => !ReferenceEquals(i, item)).Count().ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> Segments(KeySyntax key) =>
        key.DotKeys.OfType<DottedKeyItemSyntax>().Select(d => Text(d.Key)).Prepend(Text(key.Key));

    private static string Text(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    [GeneratedRegex(" with `.*` and cannot be redefined", RegexOptions.Singleline)]
    private static partial Regex EarlierDefinition();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex QuotedText();
}
