using System.Diagnostics;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>
/// <c>clickvault verify</c>: per shard restores the run's backup (or the newest before it) on one replica into scratch
/// databases (<c>clickvault_verify_{run}_{shard}_{db}</c>, one per source database) through the restores actor (so never
/// beside another restore), reads the scratch tables' parts and CHECK TABLE (and with --content every row), compares them with the sidecar's figures
/// (<see cref="VerifyComparison"/>), always drops the scratch databases, and records the result in the catalog and next
/// to the backup. One verification at a time; what it reads is in use for retention meanwhile.
/// </summary>
public sealed partial class VerificationService(
    IOptions<CoordinatorOptions> coordinator,
    IOptions<BackupOptions> backup,
    IObjectStore store,
    CatalogStore catalogStore,
    CoordinatorRuntime runtime,
    RestoreRuntime restores,
    AgentRegistry registry,
    AgentRequests requests,
    VerificationUsage usage,
    ILogger<VerificationService> logger,
    TimeProvider time)
{
    /// <summary>CHECK TABLE (and --content's count and sum) of every scratch table reads all restored data.</summary>
    public static readonly TimeSpan InspectTimeout = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <exception cref="RestoreRefusedException">Bad request, unknown run, no agents, another verification or a restore running.</exception>
    public async Task<VerifyReportView> VerifyAsync(VerifyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            throw RestoreRefusedException.Conflict("verify_active", "another verification is running; one verification at a time");
        }

        try
        {
            return await RunAsync(options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            usage.Clear();
            _gate.Release();
        }
    }

    private async Task<VerifyReportView> RunAsync(VerifyOptions options, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var id = $"verify-{RunId.From(startedAt).Value}";
        var cluster = coordinator.Value.Cluster;
        var shards = Shards(options);
        if ((await restores.GetRestoresAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.State == "running") is { } active)
        {
            throw RestoreRefusedException.Conflict("restore_active", $"restore {active.RestoreId} is running; verify after it ended");
        }

        var work = new List<ShardWork>();
        foreach (var (shard, macros) in shards)
        {
            work.Add(await PrepareAsync(id, options, shard, macros, cancellationToken).ConfigureAwait(false));
        }

        if (options.Run is { } run && work.All(w => w.Entry is null)
            && await catalogStore.ReadRunManifestAsync(run, cancellationToken).ConfigureAwait(false) is null)
        {
            throw RestoreRefusedException.NotFound("unknown_run", $"no run {run}: neither a shard catalog nor a run manifest of cluster {cluster} knows it");
        }

        Log.Started(logger, id, options.RunText, work.Count);
        try
        {
            await RestoreAsync(id, options, work, cancellationToken).ConfigureAwait(false);
            var results = await Task.WhenAll(work.Select(w => FinishAsync(w, startedAt, cancellationToken))).ConfigureAwait(false);
            var report = new VerifyReportView(id, cluster, options.RunText, results.All(r => r.Passed), startedAt, time.GetUtcNow(), results);
            Log.Finished(logger, id, report.Passed, string.Join("; ", results.Select(r => $"shard {r.Shard}: {VerifyPlanner.Summary(r)}")));
            return report;
        }
        finally
        {
            await Task.WhenAll(work.Where(w => !w.Dropped).Select(DropAsync)).ConfigureAwait(false);
        }
    }

    /// <summary>The shards verified (every known one, or the one asked) with their macros.</summary>
    private List<(ShardId Shard, IReadOnlyDictionary<string, string> Macros)> Shards(VerifyOptions options)
    {
        var members = registry.Members();
        if (members.Count == 0)
        {
            throw RestoreRefusedException.Conflict("no_agents", "no agent is connected, so the cluster's shards are unknown; start the agents first");
        }

        var shards = members.GroupBy(m => m.Identity.Shard, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Shard: new ShardId(g.Key), Macros: g.First().Identity.Macros)).ToList();
        if (options.Shard is { } only)
        {
            shards = shards.Where(s => s.Shard == only).ToList();
            if (shards.Count == 0)
            {
                throw RestoreRefusedException.Invalid($"shard {only} is not in cluster {coordinator.Value.Cluster} (known shards: {string.Join(", ", members.Select(m => m.Identity.Shard).Distinct().Order(StringComparer.Ordinal))})");
            }
        }

        return shards;
    }

    private async Task<ShardWork> PrepareAsync(string id, VerifyOptions options, ShardId shard, IReadOnlyDictionary<string, string> macros, CancellationToken cancellationToken)
    {
        var catalog = await runtime.GetShardCatalogAsync(shard, macros, cancellationToken).ConfigureAwait(false);
        var work = new ShardWork(shard, catalog.ShardPath) { Entry = RestorePlanner.Resolve(catalog, options.Run), Content = options.Content };
        if (work.Entry is not { } entry)
        {
            return work.Fail(options.Run is { } run ? $"no successful backup at or before run {run}" : "no successful backup yet");
        }

        try
        {
            usage.Add(id, shard, RestorePlanner.Chain(catalog, entry, shard).Select(l => l.RunId));
        }
        catch (RestoreRefusedException e)
        {
            return work.Fail(e.Message);
        }

        var sidecar = await catalogStore.ReadSidecarAsync(entry.Prefix, cancellationToken).ConfigureAwait(false);
        if (sidecar?.Tables is not { } tables)
        {
            return work.Fail(sidecar is null
                ? $"backup {entry.RunId} has no sidecar ({entry.Prefix}{BackupLayout.SidecarName})"
                : $"backup {entry.RunId} recorded no table figures (taken before ClickVault recorded them, or its agent could not measure them), so there is nothing to compare with");
        }

        work.Recorded = tables;
        var busy = (await runtime.GetRunsAsync(0, cancellationToken).ConfigureAwait(false)).Active?.Shards
            .Where(s => s.Shard == shard.Value && s.Replica is not null).Select(s => s.Replica!).ToHashSet(StringComparer.Ordinal) ?? [];
        var choice = VerifyPlanner.ChooseReplica(registry.Candidates(shard.Value), busy, backup.Value.ReplicaPriority);
        if (!choice.Found)
        {
            return work.Fail($"no replica can restore: {choice.Reason}");
        }

        work.Replica = choice.Replica;
        foreach (var database in sidecar.Databases.Where(d => tables.Any(t => t.Database == d)))
        {
            work.Scratch[database] = VerifyPlanner.ScratchDatabase(entry.RunId, shard, database).Value;
        }

        return work;
    }

    /// <summary>Restores every source database of every shard into its scratch database: one restore per database round, shards in parallel.</summary>
    private async Task RestoreAsync(string id, VerifyOptions options, List<ShardWork> work, CancellationToken cancellationToken)
    {
        var ready = work.Where(w => w.Error is null).ToList();
        await Task.WhenAll(ready.Select(SweepAsync)).ConfigureAwait(false);
        ready.ForEach(w => w.Dropped = false);
        ready = [.. ready.Where(w => w.Error is null)];
        for (var round = 0; ready.Any(w => w.Scratch.Count > round); round++)
        {
            var plans = new List<(ShardWork Work, RestoreShardState Plan)>();
            var restoreId = await restores.AllocateIdAsync(cancellationToken).ConfigureAwait(false);
            foreach (var w in ready.Where(w => w.Scratch.Count > round && w.RestoreError is null))
            {
                var (database, scratch) = w.Scratch.ElementAt(round);
                var restore = new RestoreOptions(w.Entry!.RunId, [w.Shard], [TablePattern.Parse($"{database}.*")], VerifyPlanner.ScratchDatabase(w.Entry.RunId, w.Shard, database),
                    Replace: false, DryRun: false, ReplicaMode.One) { Replica = w.Replica };
                try
                {
                    var plan = await restores.Planning().PlanAsync(restore, restoreId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    plans.Add((w, plan.Shards[0]));
                }
                catch (RestoreRefusedException e)
                {
                    w.RestoreError = $"restoring {database} as {scratch} refused: {e.Message}";
                }
            }

            if (plans.Count == 0)
            {
                continue;
            }

            var state = new RestoreState(restoreId.Value, coordinator.Value.Cluster, options.RunText, false, $"verification {id}", time.GetUtcNow(), null,
                [.. plans.Select(p => p.Plan)]);
            try
            {
                var begun = await restores.BeginAsync(state, cancellationToken).ConfigureAwait(false);
                var ended = await restores.WaitAsync(begun.RestoreId, cancellationToken).ConfigureAwait(false);
                foreach (var (w, plan) in plans)
                {
                    var shard = ended?.Shards.FirstOrDefault(s => s.Shard == plan.Shard);
                    if (shard?.State != "succeeded")
                    {
                        w.RestoreError = shard?.Error ?? $"restore {begun.RestoreId} of shard {plan.Shard} ended {shard?.State ?? "unknown"}";
                    }
                }
            }
            catch (RestoreRefusedException e)
            {
                plans.ForEach(p => p.Work.RestoreError = e.Message);
            }
        }
    }

    /// <summary>Inspects and compares the shard's scratch tables, drops them, records the result.</summary>
    private async Task<VerifyShardView> FinishAsync(ShardWork work, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        IReadOnlyList<VerifyTableView> tables = [];
        if (work.Error is null && work.Scratch.Count > 0)
        {
            try
            {
                var inspected = await requests.AskAsync<TablesInspected>(work.Shard.Value, work.Replica!,
                    r => new InspectTables(r, [.. work.Scratch.Values], Checksums: work.Content || VerifyComparison.NeedsChecksums(work.Recorded)) { Parts = true }, InspectTimeout, cancellationToken).ConfigureAwait(false);
                if (inspected.Error is { } error)
                {
                    work.Error = $"inspecting the scratch tables failed: {error}";
                }
                else
                {
                    var source = work.Scratch.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
                    tables = VerifyComparison.Compare(work.Recorded, [.. inspected.Tables.Select(t => t with { Database = source.GetValueOrDefault(t.Database, t.Database) })]);
                }
            }
            catch (AgentRequestException e)
            {
                work.Error = $"inspecting the scratch tables failed: {e.Message}";
            }
        }
        else if (work.Error is null)
        {
            work.Error = "the backup recorded no tables to compare";
        }

        await DropAsync(work).ConfigureAwait(false);
        var report = new VerifyShardView(work.Shard.Value, work.Entry?.RunId.Value, work.Entry?.Prefix, work.Replica,
            VerifyPlanner.Passed(work.Error, work.RestoreError, tables), (time.GetUtcNow() - startedAt).TotalSeconds,
            work.Error, work.RestoreError, [.. work.Scratch.Values], tables) { LeftoversDropped = work.Leftovers };
        if (work.Entry is { } entry)
        {
            try
            {
                await new VerificationRecorder(store, runtime.ShardRegion).RecordAsync(work.ShardPath, entry, report, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.NotRecorded(logger, work.Shard.Value, entry.RunId.Value, e.Message);
            }
        }

        return report;
    }

    /// <summary>
    /// Before restoring: drops the shard's scratch databases and every other scratch database on its replica, which only a
    /// verification interrupted by a coordinator stop leaves behind (one verification runs at a time). A replica that cannot
    /// list its databases keeps its leftovers; the verification goes on.
    /// </summary>
    private async Task SweepAsync(ShardWork work)
    {
        if (work.Replica is null)
        {
            return;
        }

        try
        {
            var listed = await requests.AskAsync<DatabasesListed>(work.Shard.Value, work.Replica, r => new ListDatabases(r, VerifyPlanner.ScratchPrefix),
                AgentRequests.DefaultTimeout, CancellationToken.None).ConfigureAwait(false);
            if (listed.Error is { } error)
            {
                Log.SweepFailed(logger, work.Shard.Value, work.Replica, error);
            }

            IReadOnlyList<string> leftovers = [.. listed.Databases.Except(work.Scratch.Values, StringComparer.Ordinal)];
            await DropAsync(work, leftovers).ConfigureAwait(false);
            work.Leftovers = work.Dropped ? leftovers : [];
        }
        catch (AgentRequestException e)
        {
            Log.SweepFailed(logger, work.Shard.Value, work.Replica, e.Message);
            await DropAsync(work).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the shard's scratch databases, and <paramref name="others"/> with them (leftovers, before restoring).</summary>
    private Task DropAsync(ShardWork work) => DropAsync(work, []);

    private async Task DropAsync(ShardWork work, IReadOnlyList<string> others)
    {
        if (work.Replica is null || work.Scratch.Count + others.Count == 0)
        {
            return;
        }

        try
        {
            var dropped = await requests.AskAsync<TablesDropped>(work.Shard.Value, work.Replica, r => new DropTables(r, [], [.. work.Scratch.Values, .. others]),
                AgentRequests.DefaultTimeout, CancellationToken.None).ConfigureAwait(false);
            work.Dropped = dropped.Error is null;
            if (dropped.Error is { } error)
            {
                work.Error ??= $"dropping the scratch databases {string.Join(", ", work.Scratch.Values)} failed: {error}";
            }
        }
        catch (AgentRequestException e)
        {
            work.Error ??= $"dropping the scratch databases {string.Join(", ", work.Scratch.Values)} failed: {e.Message}";
        }
    }

    /// <summary>One shard's verification while it runs (mutable, owned by one verification).</summary>
    private sealed class ShardWork(ShardId shard, string shardPath)
    {
        public ShardId Shard { get; } = shard;

        public string ShardPath { get; } = shardPath;

        public CatalogEntry? Entry { get; init; }

        /// <summary>verify --content: every scratch row is read, counted and summed.</summary>
        public bool Content { get; init; }

        public IReadOnlyList<BackupTableFigures> Recorded { get; set; } = [];

        public string? Replica { get; set; }

        /// <summary>Source database → scratch database, in the sidecar's order.</summary>
        public Dictionary<string, string> Scratch { get; } = new(StringComparer.Ordinal);

        public string? Error { get; set; }

        public string? RestoreError { get; set; }

        public bool Dropped { get; set; }

        /// <summary>Scratch databases of earlier, interrupted verifications dropped from the replica before restoring.</summary>
        public IReadOnlyList<string> Leftovers { get; set; } = [];

        public ShardWork Fail(string error)
        {
            Error = error;
            return this;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3281, Level = LogLevel.Information, Message = "verification {Id} of run {Run} started on {Shards} shard(s)")]
        public static partial void Started(ILogger logger, string id, string run, int shards);

        [LoggerMessage(EventId = 3282, Level = LogLevel.Information, Message = "verification {Id} finished, passed: {Passed}: {Summary}")]
        public static partial void Finished(ILogger logger, string id, bool passed, string summary);

        [LoggerMessage(EventId = 3283, Level = LogLevel.Warning, Message = "shard {Shard}: cannot list leftover scratch databases on {Replica}, they stay: {Error}")]
        public static partial void SweepFailed(ILogger logger, string shard, string replica, string error);

        [LoggerMessage(EventId = 3284, Level = LogLevel.Warning, Message = "verification of shard {Shard} backup {Run} could not be recorded: {Error}")]
        public static partial void NotRecorded(ILogger logger, string shard, string run, string error);
    }
}
