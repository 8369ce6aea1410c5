using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Coordinator.Describe;

/// <summary>A run as recorded: its manifest (finished) or its journaled state mapped to one (active; no finish time yet).</summary>
public sealed record RunRecord(RunManifest Manifest, DateTimeOffset? FinishedAt, bool Active, string Source);

/// <summary>What was read about one shard's backup: the run's outcome, the sidecar (when written) and the shard's catalog.</summary>
public sealed record ShardRecord(ShardOutcome Outcome, BackupSidecar? Sidecar, string? SidecarKey, ShardCatalog? Catalog);

/// <summary>Pure mappings of what was read from S3 to the describe views.</summary>
public static class BackupDescriptions
{
    public static RunDescription Run(RunRecord run, IReadOnlyList<BackupDescription> shards)
    {
        var m = run.Manifest;
        return new RunDescription(m.RunId, m.Cluster, m.Outcome, m.Trigger, m.FullRequested, m.StartedAt, run.FinishedAt,
            Seconds(m.StartedAt, run.FinishedAt), run.Active, run.Source, shards);
    }

    /// <summary>
    /// The sidecar's figures win (they are what the backup recorded); without one (failed, running) the run's own.
    /// The chain comes from the shard's catalog.
    /// </summary>
    public static BackupDescription Shard(string runId, string cluster, ShardRecord record)
    {
        var outcome = record.Outcome;
        var entry = record.Catalog?.Backups.FirstOrDefault(b => b.RunId.Value == runId);
        var (chain, complete) = Chain(record.Catalog, entry, outcome.BaseRunId);
        if (record.Sidecar is { } sidecar)
        {
            return new BackupDescription(runId, cluster, outcome.Shard, outcome.Status, outcome.Error, outcome.Reason,
                sidecar.Kind, sidecar.Replica, sidecar.BaseRunId, outcome.Prefix, record.SidecarKey,
                sidecar.Status == BackupSidecar.SuccessStatus, sidecar.NumFiles, sidecar.TotalSize, sidecar.CompressedSize,
                sidecar.UncompressedSize, sidecar.ClickhouseVersion, sidecar.ChainDepth, sidecar.Databases,
                sidecar.StartedAt, sidecar.FinishedAt, Seconds(sidecar.StartedAt, sidecar.FinishedAt), chain, complete)
            { LastVerified = LastVerifiedView.From(entry?.LastVerified), ReplicaReason = outcome.ReplicaReason };
        }
        return new BackupDescription(runId, cluster, outcome.Shard, outcome.Status, outcome.Error, outcome.Reason,
            outcome.Kind, outcome.Replica, outcome.BaseRunId, outcome.Prefix, null, false, outcome.NumFiles, outcome.TotalSize,
            outcome.CompressedSize, outcome.UncompressedSize, null, entry?.ChainDepth, entry?.Databases ?? [],
            outcome.StartedAt, outcome.FinishedAt, Seconds(outcome.StartedAt, outcome.FinishedAt), chain, complete)
            { LastVerified = LastVerifiedView.From(entry?.LastVerified), ReplicaReason = outcome.ReplicaReason };
    }

    /// <summary>
    /// From the full backup up to <paramref name="entry"/> (or up to the base <paramref name="baseRunId"/> when the backup
    /// itself is not catalogued); incomplete when a link's base is not in the catalog.
    /// </summary>
    public static (IReadOnlyList<ChainLink> Links, bool Complete) Chain(ShardCatalog? catalog, CatalogEntry? entry, string? baseRunId)
    {
        if (catalog is null)
        {
            return ([], baseRunId is null);
        }
        var byRun = catalog.Backups.ToDictionary(b => b.RunId);
        var current = entry;
        if (current is null)
        {
            if (baseRunId is null)
            {
                return ([], true);
            }
            if (!RunId.TryParse(baseRunId, out var baseRun) || !byRun.TryGetValue(baseRun, out current))
            {
                return ([], false);
            }
        }
        var links = new List<CatalogEntry> { current };
        var complete = true;
        while (current.Kind == BackupKind.Incremental)
        {
            if (current.BaseRunId is not { } next || next.CompareTo(current.RunId) >= 0 || !byRun.TryGetValue(next, out var link))
            {
                complete = false;
                break;
            }
            links.Add(link);
            current = link;
        }
        links.Reverse();
        return ([.. links.Select(Link)], complete);
    }

    private static ChainLink Link(CatalogEntry e) => new(
        e.RunId.Value, BackupLayout.KindSegment(e.Kind), e.BaseRunId?.Value, e.ChainDepth, e.NumFiles, e.TotalSize, e.FinishedAt, e.Prefix);

    private static double? Seconds(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } from && end is { } to ? Math.Max(0, (to - from).TotalSeconds) : null;
}
