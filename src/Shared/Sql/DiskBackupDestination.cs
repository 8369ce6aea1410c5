namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// <c>Disk('disk', 'path')</c>: a disk from the server's storage configuration (listed in
/// <c>backups.allowed_disk</c>), e.g. an <c>s3_plain</c> disk that keeps credentials in server config.
/// </summary>
public sealed record DiskBackupDestination : BackupDestination
{
    /// <exception cref="InvalidBackupRequestException">A value is empty or holds control characters.</exception>
    public DiskBackupDestination(string disk, string path)
    {
        Disk = RequireText(disk, nameof(disk));
        Path = RequireText(path, nameof(path));
    }

    public string Disk { get; }

    public string Path { get; }

    internal override string Render(bool redacted) => $"Disk({SqlLiteral.Quote(Disk)}, {SqlLiteral.Quote(Path)})";

    private protected override (string Engine, IReadOnlyList<string> Location) Location => ("Disk", [Disk, Path]);
}
