using System.Globalization;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>Orders shard names as people expect: numerically when both are numbers ("2" before "10"), else ordinally.</summary>
public sealed class ShardOrder : IComparer<string>
{
    public static ShardOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var left)
            && long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var right))
        {
            var byNumber = left.CompareTo(right);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
        }

        return string.CompareOrdinal(x, y);
    }
}

/// <summary>The order <c>list</c> prints backups in: by shard, then by run (run ids sort chronologically).</summary>
public static class BackupOrder
{
    public static IReadOnlyList<BackupView> Sort(IEnumerable<BackupView> backups) =>
        [.. backups.OrderBy(backup => backup.Shard, ShardOrder.Instance).ThenBy(backup => backup.RunId, StringComparer.Ordinal)];
}
