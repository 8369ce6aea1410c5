using System.Globalization;
using System.Text;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// Renders untrusted text for error messages and logs: double-quoted, with quotes, backslashes, control,
/// format and separator characters and unpaired surrogates escaped, and cut after <see cref="MaxChars"/> characters.
/// </summary>
internal static class DisplayText
{
    public const int MaxChars = 80;

    public static string Quote(string value)
    {
        var shown = Math.Min(value.Length, MaxChars);
        var text = new StringBuilder(shown + 16).Append('"');
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            var pairedSurrogate = (char.IsHighSurrogate(c) && i + 1 < shown && char.IsLowSurrogate(value[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]));
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\0' => text.Append("\\0"),
                _ when pairedSurrogate || !NeedsEscape(c) => text.Append(c),
                _ => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            };
        }

        text.Append('"');
        if (value.Length > shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters in all)");
        }

        return text.ToString();
    }

    /// <summary>Describes one character for a message, e.g. <c>'`' (U+0060)</c> or <c>U+000A</c> for invisible ones.</summary>
    public static string Character(char c) =>
        NeedsEscape(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{(int)c:X4})");

    private static bool NeedsEscape(char c) =>
        char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
