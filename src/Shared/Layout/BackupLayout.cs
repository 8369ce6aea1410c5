using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Shared.Layout;

/// <summary>Where backups live: key prefix in the bucket, cluster name, and the per-shard path template.</summary>
public sealed record LayoutOptions(string Prefix, ClusterName Cluster, string ShardPathTemplate = LayoutOptions.DefaultShardPathTemplate)
{
    public const string DefaultShardPathTemplate = "shard-{shard}";
}

/// <summary>
/// The S3 layout, version <see cref="Version"/> (docs/s3-layout.md). The only place that computes a key:
/// <code>
/// {prefix}/{cluster}/{shard_path}/full/{ts}/                 native backup (ClickHouse writes it)
/// {prefix}/{cluster}/{shard_path}/full/{ts}/.clickvault_meta.json
/// {prefix}/{cluster}/{shard_path}/full/{ts}/.clickvault_configs/{replica}/listing.json   (and files/{path})
/// {prefix}/{cluster}/{shard_path}/incremental/{ts}/...
/// {prefix}/{cluster}/{shard_path}/catalog.json
/// {prefix}/{cluster}/runs/{ts}.json
/// {prefix}/{cluster}/journal/...
/// </code>
/// </summary>
public sealed partial class BackupLayout
{
    public const int Version = 1;
    public const string SidecarName = ".clickvault_meta.json";
    public const string NativeMetadataName = ".backup";
    public const string ConfigFolderName = ".clickvault_configs";
    public const string VerifyReportName = ".clickvault_verify.json";

    private readonly string _root;
    private readonly string _template;

    public BackupLayout(LayoutOptions options)
    {
        var prefix = options.Prefix.Trim('/');
        if (prefix.Length > 0 && !prefix.Split('/').All(SafeSegment))
        {
            throw new ArgumentException($"layout prefix '{options.Prefix}' is invalid: segments must be non-empty, not '.' or '..', and use letters, digits, '.', '_', '-', '='");
        }
        ValidateTemplate(options.ShardPathTemplate);
        _root = prefix.Length == 0 ? options.Cluster.Value : $"{prefix}/{options.Cluster.Value}";
        _template = options.ShardPathTemplate;
        Cluster = options.Cluster;
    }

    public ClusterName Cluster { get; }

    /// <summary>{prefix}/{cluster}/ — everything of this cluster lies below.</summary>
    public string ClusterRoot => _root + "/";

    public string RunsPrefix => $"{_root}/runs/";

    public string JournalPrefix => $"{_root}/journal/";

    /// <summary>The scheduler's handled-through instant per job (layout v1 addition).</summary>
    public string ScheduleStateKey => $"{JournalPrefix}schedule.json";

    /// <summary>The active run's state, rewritten before the coordinator acts on each change.</summary>
    public string ActiveRunKey => $"{JournalPrefix}active-run.json";

    /// <summary>The active restore's state while it runs; left behind only by a coordinator that stopped during a restore.</summary>
    public string ActiveRestoreKey => $"{JournalPrefix}active-restore.json";

    public string RunManifestKey(RunId run) => $"{RunsPrefix}{run.Value}.json";

    /// <summary>Expands the shard path template with the shard's macros, e.g. <c>shard-{shard}</c> → <c>shard-01</c>.</summary>
    public string ShardPath(IReadOnlyDictionary<string, string> macros) =>
        MacroReference().Replace(_template, m =>
        {
            var name = m.Groups[1].Value;
            if (!macros.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"shard path template '{_template}' uses macro '{{{name}}}' that the server does not define");
            }
            return SafeSegment(value)
                ? value
                : throw new ArgumentException($"macro '{name}' value '{value}' cannot be used in a key: expected letters, digits, '.', '_', '-', '='");
        });

    public string ShardPath(ShardId shard) => ShardPath(new Dictionary<string, string> { ["shard"] = shard.Value });

    public string ShardRoot(string shardPath) => $"{_root}/{shardPath}/";

    public string CatalogKey(string shardPath) => $"{ShardRoot(shardPath)}catalog.json";

    public string KindPrefix(string shardPath, BackupKind kind) => $"{ShardRoot(shardPath)}{KindSegment(kind)}/";

    /// <summary>The folder ClickHouse writes the native backup into (ends with '/').</summary>
    public string BackupPrefix(string shardPath, BackupKind kind, RunId run) => $"{KindPrefix(shardPath, kind)}{run.Value}/";

    public string SidecarKey(string shardPath, BackupKind kind, RunId run) => BackupPrefix(shardPath, kind, run) + SidecarName;

    /// <summary>The native backup's own metadata object: present once ClickHouse finished writing the backup.</summary>
    public string NativeMetadataKey(string shardPath, BackupKind kind, RunId run) => BackupPrefix(shardPath, kind, run) + NativeMetadataName;

    /// <summary>Where one replica's configuration files of a backup live: <c>{backup}/.clickvault_configs/{replica}/</c>.</summary>
    /// <exception cref="ArgumentException">The replica name cannot be used in a key.</exception>
    public static string ConfigPrefix(string backupPrefix, string replica) =>
        SafeSegment(replica)
            ? $"{backupPrefix}{ConfigFolderName}/{replica}/"
            : throw new ArgumentException($"replica name '{replica}' cannot be used in a key: expected letters, digits, '.', '_', '-', '='");

    /// <summary>The listing of one replica's configuration files of a backup.</summary>
    public static string ConfigListingKey(string backupPrefix, string replica) => ConfigPrefix(backupPrefix, replica) + "listing.json";

    /// <summary>One configuration file; <paramref name="relativePath"/> is checked by the caller (ConfigRelativePath).</summary>
    public static string ConfigFileKey(string backupPrefix, string replica, string relativePath) => ConfigPrefix(backupPrefix, replica) + "files/" + relativePath;

    /// <summary>The report of the last verification of a backup (layout v1 addition).</summary>
    public static string VerifyReportKey(string backupPrefix) => backupPrefix + VerifyReportName;

    public static string KindSegment(BackupKind kind) => kind switch
    {
        BackupKind.Full => "full",
        BackupKind.Incremental => "incremental",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown backup kind"),
    };

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex MacroReference();

    [GeneratedRegex("^[A-Za-z0-9_=][A-Za-z0-9_.=-]*$")]
    private static partial Regex SegmentPattern();

    private static bool SafeSegment(string segment) => segment is not ("." or "..") && SegmentPattern().IsMatch(segment);

    private static void ValidateTemplate(string template)
    {
        var literal = MacroReference().Replace(template, "x");
        if (!template.Contains("{shard}", StringComparison.Ordinal) || !literal.Split('/').All(SafeSegment))
        {
            throw new ArgumentException($"shard path template '{template}' is invalid: it must contain {{shard}} (e.g. shard-{{shard}}) and otherwise key-safe text");
        }
    }
}
