using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>A shard's catalog index as its chain entity holds it.</summary>
public interface IShardCatalogs
{
    Task<ShardCatalog> ReadAsync(ShardId shard, IReadOnlyDictionary<string, string> macros, CancellationToken cancellationToken);
}

/// <summary>
/// Plans a restore (the I/O around <see cref="RestorePlanner"/>): reads each shard's catalog, checks that every link of the
/// chosen backup's chain has its native <c>.backup</c> object, reads the sidecar's table list, asks every target replica's
/// agent for its tables (refusal of non-empty ones) and for the exact RESTORE it would run. Nothing is changed anywhere.
/// </summary>
public sealed class RestorePlanning(
    AgentRegistry registry, IShardCatalogs catalogs, CatalogStore catalog, AgentRequests requests, BackupOptions backup, string cluster)
{
    /// <exception cref="RestoreRefusedException">The restore cannot be done as asked; the message says why.</exception>
    public async Task<RestoreState> PlanAsync(RestoreOptions options, RestoreId id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var members = registry.Members();
        var known = members.Select(m => m.Identity.Shard).Distinct(StringComparer.Ordinal)
            .OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToList();
        if (known.Count == 0)
        {
            throw RestoreRefusedException.Conflict("no_agents", "no agent is connected, so the cluster's shards are unknown; start the agents first");
        }

        var unknown = options.Shards.Where(s => !known.Contains(s.Value)).ToList();
        if (unknown.Count > 0)
        {
            throw RestoreRefusedException.Invalid($"shard(s) {string.Join(", ", unknown)} not in cluster {cluster} (known shards: {string.Join(", ", known)})");
        }

        var shards = options.Shards.Count > 0 ? options.Shards : [.. known.Select(s => new ShardId(s))];
        // Shards are independent (their own catalog, their own agents): read and plan them all at once.
        var indexes = await Task.WhenAll(shards.Select(shard =>
            catalogs.ReadAsync(shard, members.First(m => m.Identity.Shard == shard.Value).Identity.Macros, cancellationToken))).ConfigureAwait(false);

        if (options.Run is { } run && !indexes.Any(c => c.Backups.Any(b => b.RunId == run))
            && await catalog.ReadRunManifestAsync(run, cancellationToken).ConfigureAwait(false) is null)
        {
            throw RestoreRefusedException.NotFound("unknown_run", $"no run {run}: neither a shard catalog nor a run manifest of cluster {cluster} knows it");
        }

        IReadOnlyList<RestoreShardState> planned = await Task.WhenAll(shards.Select((shard, i) => PlanShardAsync(options, id, shard, indexes[i], cancellationToken)))
            .ConfigureAwait(false);

        var state = new RestoreState(id.Value, cluster, options.RunText, options.Replace, options.AsDatabase?.Value, now, null, planned);
        var conflicts = state.Conflicts();
        if (!options.DryRun && !options.Replace && conflicts.Count > 0)
        {
            throw RestoreRefusedException.Conflict("tables_not_empty",
                $"restore refused: target tables hold rows ({string.Join("; ", conflicts)}); --replace drops them first, --as-database restores beside them");
        }

        return state;
    }

    private async Task<RestoreShardState> PlanShardAsync(RestoreOptions options, RestoreId id, ShardId shard, ShardCatalog index, CancellationToken cancellationToken)
    {
        var entry = RestorePlanner.Resolve(index, options.Run) ?? throw RestoreRefusedException.NotFound("no_backup", options.Run is { } run
            ? $"shard {shard} has no successful backup at or before run {run}"
            : $"shard {shard} has no successful backup yet");
        var chain = RestorePlanner.Chain(index, entry, shard);
        foreach (var link in chain)
        {
            if (!await catalog.NativeBackupExistsAsync(link.Prefix, cancellationToken).ConfigureAwait(false))
            {
                throw RestoreRefusedException.NotFound("backup_missing", link == entry
                    ? $"shard {shard}: backup {entry.RunId} is missing its .backup object in S3 ({link.Prefix}{BackupLayout.NativeMetadataName})"
                    : $"shard {shard}: backup {entry.RunId} needs its chain link {link.RunId} ({BackupLayout.KindSegment(link.Kind)}), which is missing its .backup object in S3 ({link.Prefix}{BackupLayout.NativeMetadataName})");
            }
        }

        var sidecar = await catalog.ReadSidecarAsync(entry.Prefix, cancellationToken).ConfigureAwait(false)
            ?? throw RestoreRefusedException.NotFound("backup_missing", $"shard {shard}: backup {entry.RunId} has no sidecar ({entry.Prefix}{BackupLayout.SidecarName})");
        if (options.AccessEntities is not null && !sidecar.AccessEntities)
        {
            throw RestoreRefusedException.Invalid(
                $"with_access: backup {entry.RunId} of shard {shard} holds no access entities (it was taken with backup.access_entities off)");
        }
        var selection = RestorePlanner.Select(sidecar.Databases, sidecar.Tables, options.Tables, options.AsDatabase, $"backup {entry.RunId} of shard {shard}");
        var candidates = registry.Candidates(shard.Value).Where(c => options.Replica is null || c.Replica == options.Replica).ToList();
        var targets = RestorePlanner.Targets(options.Replicas, selection.Restored, candidates, backup.ReplicaPriority, shard);
        var spec = new RestoreSpec(DestinationSpecs.For(backup, entry.Prefix), selection.Databases, selection.Tables, selection.ExceptTables, options.AsDatabase?.Value,
            options.AccessEntities);
        var targetTables = RestorePlanner.TargetTables(selection, options.AsDatabase);
        var targetDatabases = RestorePlanner.TargetDatabases(selection, options.AsDatabase);

        var replicas = new List<RestoreReplicaState>();
        foreach (var replica in targets.Replicas)
        {
            var operation = id.OperationFor(shard, replica);
            var inspected = await AskAsync<TablesInspected>(shard, replica, r => new InspectTables(r, targetDatabases, Checksums: false), cancellationToken)
                .ConfigureAwait(false);
            var rendered = await AskAsync<RestoreRendered>(shard, replica, r => new RenderRestore(r, operation, spec), cancellationToken).ConfigureAwait(false);
            var check = RestorePlanner.Check(targetTables, inspected.Tables);
            replicas.Add(new RestoreReplicaState(replica, operation.Value, ReplicaPhase.Planned, rendered.Sql,
                options.Replace ? check.Existing : [], options.Replace ? [] : check.Conflicts, null, null, null, null));
        }

        var source = new RestoreSource(entry.RunId.Value, BackupLayout.KindSegment(entry.Kind), entry.Prefix, [.. chain.Select(c => c.RunId.Value)]);
        return new RestoreShardState(shard.Value, source, selection.Describe(), targets.Reason, spec, replicas);
    }

    private async Task<TReply> AskAsync<TReply>(ShardId shard, string replica, Func<RequestId, ProtocolMessage> request, CancellationToken cancellationToken)
        where TReply : ProtocolMessage, IAgentReply
    {
        TReply reply;
        try
        {
            reply = await requests.AskAsync<TReply>(shard.Value, replica, request, AgentRequests.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentRequestException e)
        {
            throw RestoreRefusedException.Conflict("replica_unavailable", $"shard {shard}: {e.Message}");
        }

        return reply.Error is { } error
            ? throw RestoreRefusedException.Conflict("agent_refused", $"shard {shard} replica {replica}: {error}")
            : reply;
    }
}
