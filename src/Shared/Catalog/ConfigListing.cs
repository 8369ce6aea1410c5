using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Shared.Catalog;

/// <summary>
/// <c>{backup}/.clickvault_configs/{replica}/listing.json</c>: the configuration directory one replica sent for a backup
/// (files stored under <c>files/</c> next to it), what it refused and why, or why nothing could be collected. The
/// backup's sidecar repeats every replica's listing.
/// </summary>
public sealed record ConfigListing(
    int Version,
    string Replica,
    string Directory,
    DateTimeOffset CollectedAt,
    IReadOnlyList<ConfigFileEntry> Files,
    IReadOnlyList<RefusedConfigEntry> Refused,
    string? Error)
{
    public const int CurrentVersion = 1;
}
