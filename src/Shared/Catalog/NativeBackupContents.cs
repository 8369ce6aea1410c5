using System.Text;
using System.Xml;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Shared.Catalog;

/// <summary>
/// The data parts a native backup holds, per table, read from ClickHouse's own <c>.backup</c> file: every file of the backup
/// is listed there (those an incremental takes from its base too) as <c>data/{database}/{table}/{part}/{file}</c>, with the
/// database and table escaped as ClickHouse escapes file names. It outlives every process: it is written by the server with
/// the backup, so the parts of a backup can be known however its agent or the coordinator fared meanwhile.
/// </summary>
public sealed class NativeBackupContents
{
    private readonly Dictionary<TableRef, HashSet<string>> _parts;

    private NativeBackupContents(Dictionary<TableRef, HashSet<string>> parts) => _parts = parts;

    /// <summary>The tables that have at least one part in the backup.</summary>
    public IReadOnlyCollection<TableRef> Tables => _parts.Keys;

    /// <summary>The names of the table's parts in the backup (empty: the table had no part, or is not in the backup).</summary>
    public IReadOnlySet<string> PartsOf(TableRef table) =>
        _parts.TryGetValue(table, out var parts) ? parts : new HashSet<string>(StringComparer.Ordinal);

    /// <exception cref="FormatException">The document is not a <c>.backup</c> file ClickHouse writes.</exception>
    public static NativeBackupContents Parse(Stream document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parts = new Dictionary<TableRef, HashSet<string>>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(document, settings);
            if (!reader.ReadToFollowing("config"))
            {
                throw new FormatException("no <config> element: not a ClickHouse .backup file");
            }

            while (reader.ReadToFollowing("name"))
            {
                if (PartOf(reader.ReadElementContentAsString()) is not { } part)
                {
                    continue;
                }

                if (!parts.TryGetValue(part.Table, out var names))
                {
                    parts[part.Table] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(part.Name);
            }
        }
        catch (XmlException e)
        {
            throw new FormatException($"not a readable .backup file: {e.Message}", e);
        }

        return new NativeBackupContents(parts);
    }

    /// <summary>The table and part of a file path, when it is a file inside a part folder.</summary>
    private static (TableRef Table, string Name)? PartOf(string path)
    {
        var segments = path.Split('/');
        return segments.Length >= 5 && segments[0] == "data" && segments[3].Length > 0
            ? (new TableRef(Unescape(segments[1]), Unescape(segments[2])), segments[3])
            : null;
    }

    /// <summary>Reverses ClickHouse's <c>escapeForFileName</c>: <c>%XX</c> is a byte of the UTF-8 name.</summary>
    internal static string Unescape(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }

        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length && Uri.IsHexDigit(escaped[i + 1]) && Uri.IsHexDigit(escaped[i + 2]))
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(escaped[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
