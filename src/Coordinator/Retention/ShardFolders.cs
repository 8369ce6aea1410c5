using System.Text;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Storage;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>A shard folder, with its shard when known (from an agent, or read back from the path template).</summary>
public sealed record ShardFolder(string ShardPath, ShardId? Shard);

/// <summary>
/// Finds every shard folder of the cluster: the delimiter listing of the cluster root (one level per segment of the
/// shard path template) united with the folders of the known shards. Both are needed: some S3 servers (s3rver) leave
/// out of a delimiter listing a folder that holds only sub-folders, e.g. a shard folder whose catalog.json is missing.
/// </summary>
public sealed partial class ShardFolders(IObjectStore store, BackupLayout layout, string shardPathTemplate)
{
    private static readonly string[] Reserved = ["runs", "journal"];
    private readonly Regex _pattern = Pattern(shardPathTemplate);

    public async Task<IReadOnlyList<ShardFolder>> FindAsync(IReadOnlyList<ShardTarget> known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        var levels = shardPathTemplate.Split('/').Length;
        IReadOnlyList<string> prefixes = [layout.ClusterRoot];
        for (var level = 0; level < levels; level++)
        {
            var next = new List<string>();
            foreach (var prefix in prefixes)
            {
                var listing = await store.ListAllAsync(prefix, "/", cancellationToken).ConfigureAwait(false);
                next.AddRange(listing.CommonPrefixes.Where(p => level > 0 || !Reserved.Contains(p[prefix.Length..].TrimEnd('/'))));
            }
            prefixes = next;
        }

        var folders = known.ToDictionary(k => k.ShardPath, k => (ShardId?)k.Shard, StringComparer.Ordinal);
        foreach (var path in prefixes.Select(p => p[layout.ClusterRoot.Length..].TrimEnd('/')))
        {
            if (!folders.ContainsKey(path) && _pattern.Match(path) is { Success: true } match)
            {
                folders[path] = ShardOf(match);
            }
        }
        return [.. folders.Select(f => new ShardFolder(f.Key, f.Value)).OrderBy(f => f.ShardPath.Length).ThenBy(f => f.ShardPath, StringComparer.Ordinal)];
    }

    private static ShardId? ShardOf(Match match)
    {
        try
        {
            return new ShardId(match.Groups["shard"].Value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The template as a regex: <c>{shard}</c> captured, other macros any key-safe segment text.</summary>
    private static Regex Pattern(string template)
    {
        var regex = new StringBuilder("^");
        var position = 0;
        var shardSeen = false;
        foreach (Match macro in MacroReference().Matches(template))
        {
            regex.Append(Regex.Escape(template[position..macro.Index]));
            var name = macro.Groups[1].Value;
            regex.Append(name != "shard" ? Segment : shardSeen ? @"\k<shard>" : $"(?<shard>{Segment})");
            shardSeen |= name == "shard";
            position = macro.Index + macro.Length;
        }
        regex.Append(Regex.Escape(template[position..])).Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }

    private const string Segment = "[A-Za-z0-9_=][A-Za-z0-9_.=-]*?";

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex MacroReference();
}
