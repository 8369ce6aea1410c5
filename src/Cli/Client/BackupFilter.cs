using System.Text;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Client;

/// <summary>Which catalog entries <c>GET /api/backups</c> returns; null fields do not filter.</summary>
public sealed record BackupFilter(ShardId? Shard, BackupKind? Kind, RunId? Run)
{
    public static BackupFilter None { get; } = new(null, null, null);

    /// <summary>The query string (with its leading '?'), or empty when nothing filters.</summary>
    public string ToQueryString()
    {
        var query = new StringBuilder();
        Append(query, "shard", Shard?.Value);
        Append(query, "kind", Kind switch
        {
            BackupKind.Full => "full",
            BackupKind.Incremental => "incremental",
            null => null,
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown backup kind"),
        });
        Append(query, "run", Run?.Value);
        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        query.Append(query.Length == 0 ? '?' : '&')
            .Append(name)
            .Append('=')
            .Append(Uri.EscapeDataString(value));
    }
}
