using System.Globalization;
using System.Text;
using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Coordinator.Verification;

/// <summary>A verification request, validated: <see cref="Run"/> null means <c>latest</c>, <see cref="Shard"/> null every shard.</summary>
public sealed record VerifyOptions(RunId? Run, ShardId? Shard, bool Content = false)
{
    public string RunText => Run?.Value ?? RestoreOptions.Latest;

    /// <exception cref="RestoreRefusedException">invalid_request naming the bad field.</exception>
    public static VerifyOptions Parse(StartVerifyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunId? run = null;
        if (request.Run != RestoreOptions.Latest)
        {
            run = RunId.TryParse(request.Run, out var id)
                ? id
                : throw RestoreRefusedException.Invalid($"run '{request.Run}' is neither 'latest' nor a run id (YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z)");
        }

        try
        {
            return new VerifyOptions(run, request.Shard is { } shard ? new ShardId(shard) : null, request.Content);
        }
        catch (ArgumentException e)
        {
            throw RestoreRefusedException.Invalid($"shard: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}

/// <summary>The pure decisions of a verification besides the comparison: scratch names, the replica, the verdict and its summary.</summary>
public static class VerifyPlanner
{
    public const string ScratchPrefix = "clickvault_verify_";

    /// <summary>
    /// <c>clickvault_verify_{run}_{shard}_{db}</c>, characters other than ASCII letters, digits and <c>_</c> replaced by
    /// <c>_</c>, validated as an identifier (a name too long for ClickHouse is refused).
    /// </summary>
    public static SqlIdentifier ScratchDatabase(RunId run, ShardId shard, string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var name = $"{ScratchPrefix}{Clean(run.Value)}_{Clean(shard.Value)}_{Clean(database)}";
        try
        {
            return SqlIdentifier.Create(name, "scratch database");
        }
        catch (ArgumentException e)
        {
            throw RestoreRefusedException.Invalid($"shard {shard}: no scratch database for {database}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return clean.ToString();
    }

    /// <summary>One healthy replica by the backup rules (priority, least recently used), avoiding replicas busy with a backup while another is healthy.</summary>
    public static ReplicaChoice ChooseReplica(IReadOnlyList<ReplicaCandidate> candidates, IReadOnlySet<string> busy, IReadOnlyList<string> priority)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(busy);
        var idle = candidates.Where(c => !busy.Contains(c.Replica)).ToList();
        if (idle.Count < candidates.Count && ReplicaSelector.Choose(idle, priority) is { Found: true } free)
        {
            return free with { Reason = $"{free.Reason}, not busy with a backup" };
        }

        return ReplicaSelector.Choose(candidates, priority);
    }

    /// <summary>A shard passes when it has no error, its restore succeeded, it has tables, and every table matched.</summary>
    public static bool Passed(string? error, string? restoreError, IReadOnlyList<VerifyTableView> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return error is null && restoreError is null && tables.Count > 0 && tables.All(t => t.Passed);
    }

    /// <summary>One line for the catalog and list: what matched, or the first problems.</summary>
    public static string Summary(VerifyShardView shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (shard.Passed)
        {
            var summed = shard.Tables.Count(t => t.Checksum == VerifyComparison.Match);
            var parts = shard.Tables.Count(t => t.Checksum.Contains(PartComparison.PartsIdentical, StringComparison.Ordinal));
            return parts == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{shard.Tables.Count} table(s) match, {summed} by checksum")
                : string.Create(CultureInfo.InvariantCulture, $"{shard.Tables.Count} table(s) match, {parts} by identical parts{(summed > 0 ? $", {summed} by checksum" : "")}");
        }

        var problems = new List<string>();
        if (shard.RestoreError is { } restore)
        {
            problems.Add($"restore failed: {restore}");
        }
        else if (shard.Error is { } error)
        {
            problems.Add(error);
        }

        problems.AddRange(shard.Tables.Where(t => !t.Passed).Take(3).Select(t => $"{t.Database}.{t.Table}: {t.Problem}"));
        var more = shard.Tables.Count(t => !t.Passed) - 3;
        if (more > 0)
        {
            problems.Add($"{more} more table(s) differ");
        }

        return problems.Count > 0 ? string.Join("; ", problems) : "no table was restored";
    }
}
