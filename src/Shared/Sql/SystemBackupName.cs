using System.Text;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// ClickHouse's rendering of a backup place in the <c>name</c> column of <c>system.backups</c>: <c>Engine(arg, ...)</c>, string
/// literals single-quoted with backslash escapes (e.g. <c>S3('url', 'key id', '[HIDDEN]')</c>, <c>Disk('disk', 'path')</c>,
/// <c>S3(collection, 'path')</c>). <see cref="Arguments"/> holds literals unquoted and other arguments as written (back-quotes
/// removed).
/// </summary>
public sealed record SystemBackupName(string Engine, IReadOnlyList<string> Arguments)
{
    /// <summary>The parsed name; null when it does not have that shape (then nothing can be said about it).</summary>
    public static SystemBackupName? TryParse(string? name)
    {
        var text = name?.Trim() ?? "";
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !text.EndsWith(')'))
        {
            return null;
        }

        var arguments = new List<string>();
        var i = open + 1;
        var end = text.Length - 1;
        while (i < end)
        {
            while (i < end && text[i] == ' ')
            {
                i++;
            }

            var argument = new StringBuilder();
            if (i < end && text[i] == '\'')
            {
                for (i++; i < end && text[i] != '\''; i++)
                {
                    argument.Append(text[i] == '\\' && i + 1 < end ? text[++i] : text[i]);
                }

                if (i >= end)
                {
                    return null;
                }

                i++;
            }
            else
            {
                for (; i < end && text[i] != ','; i++)
                {
                    argument.Append(text[i]);
                }
            }

            arguments.Add(argument.ToString().Trim().Trim('`'));
            while (i < end && text[i] == ' ')
            {
                i++;
            }

            if (i < end && text[i] != ',')
            {
                return null;
            }

            i++;
        }

        return new SystemBackupName(text[..open].Trim(), arguments);
    }
}
