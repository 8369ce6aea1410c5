using ClickVault.Cluster.Agent.Configuration;

namespace ClickVault.Cluster.Agent.ConfigFiles;

/// <summary>
/// Config section <c>config_backup</c>: the ClickHouse configuration directory the agent sends with each backup when the
/// coordinator asks (<c>backup.config_files</c> on the coordinator), and the size limits per file and per collection.
/// </summary>
public sealed record ConfigBackupOptions
{
    public const string Section = "config_backup";

    /// <summary>A file must fit one protocol message (1 MiB, base64-encoded) with room to spare.</summary>
    public const long FileSizeCeiling = 700 * 1024;

    /// <summary><c>config_backup.directory</c>: the directory to collect (default <c>/etc/clickhouse-server</c>).</summary>
    public string Directory { get; init; } = "/etc/clickhouse-server";

    /// <summary><c>config_backup.max_file_size</c>: larger files are refused (listed, not sent); default 512 KiB.</summary>
    public long MaxFileSize { get; init; } = 512 * 1024;

    /// <summary><c>config_backup.max_total_size</c>: files beyond this running total are refused; default 16 MiB.</summary>
    public long MaxTotalSize { get; init; } = 16 * 1024 * 1024;

    internal static OptionsRead<ConfigBackupOptions> Read(SectionReader section)
    {
        var defaults = new ConfigBackupOptions();
        var options = new ConfigBackupOptions
        {
            Directory = section.String("directory") ?? defaults.Directory,
            MaxFileSize = section.Int64("max_file_size", defaults.MaxFileSize, 1, FileSizeCeiling),
            MaxTotalSize = section.Int64("max_total_size", defaults.MaxTotalSize, 1, 1L << 30),
        };
        return section.Finish(options);
    }
}
