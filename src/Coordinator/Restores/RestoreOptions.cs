using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Coordinator.Restores;

/// <summary>Which replicas of a shard restore: every one, one, or decided from the tables' engines.</summary>
public enum ReplicaMode
{
    Auto,
    One,
    All,
}

/// <summary>
/// A restore request, validated: <see cref="Run"/> null means <c>latest</c>; every bad field is refused with
/// <see cref="RestoreRefusedException"/> (invalid_request) naming it.
/// </summary>
public sealed record RestoreOptions(
    RunId? Run,
    IReadOnlyList<ShardId> Shards,
    IReadOnlyList<TablePattern> Tables,
    SqlIdentifier? AsDatabase,
    bool Replace,
    bool DryRun,
    ReplicaMode Replicas,
    AccessCreationMode? AccessEntities = null)
{
    public const string Latest = "latest";

    public string RunText => Run?.Value ?? Latest;

    /// <summary>Restore only on this replica (verification picks it); null: chosen by <see cref="Replicas"/>.</summary>
    public string? Replica { get; init; }

    public static RestoreOptions Parse(StartRestoreRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunId? run = null;
        if (request.Run != Latest)
        {
            run = RunId.TryParse(request.Run, out var id)
                ? id
                : throw RestoreRefusedException.Invalid($"run '{request.Run}' is neither 'latest' nor a run id (YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z)");
        }

        var shards = new List<ShardId>();
        foreach (var text in request.Shards ?? [])
        {
            try
            {
                var shard = new ShardId(text);
                if (!shards.Contains(shard))
                {
                    shards.Add(shard);
                }
            }
            catch (ArgumentException e)
            {
                throw RestoreRefusedException.Invalid($"shards: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        SqlIdentifier? asDatabase = null;
        if (request.AsDatabase is { } name)
        {
            try
            {
                asDatabase = SqlIdentifier.Create(name, "as_database");
            }
            catch (ArgumentException e)
            {
                throw RestoreRefusedException.Invalid($"as_database: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        var mode = (request.Replicas ?? "auto") switch
        {
            "auto" => ReplicaMode.Auto,
            "one" => ReplicaMode.One,
            "all" => ReplicaMode.All,
            var other => throw RestoreRefusedException.Invalid($"replicas '{other}' is not one of one, all, auto"),
        };
        AccessCreationMode? access = request.WithAccess switch
        {
            null => null,
            "create" => AccessCreationMode.Create,
            "create-if-not-exists" => AccessCreationMode.CreateIfNotExists,
            "replace" => AccessCreationMode.Replace,
            var other => throw RestoreRefusedException.Invalid($"with_access '{other}' is not one of create, create-if-not-exists, replace"),
        };
        var patterns = (request.Tables ?? []).Select(TablePattern.Parse).Distinct().ToList();
        return new RestoreOptions(run, shards, patterns, asDatabase, request.Replace, request.DryRun, mode, access);
    }
}

/// <summary>A <c>--tables</c> pattern over <c>database.table</c>: <c>*</c> matches any run of characters, <c>?</c> one character.</summary>
public sealed record TablePattern(string Text)
{
    public static TablePattern Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('.', StringComparison.Ordinal) || text.StartsWith('.') || text.EndsWith('.'))
        {
            throw RestoreRefusedException.Invalid($"tables pattern '{text}' is not database.table (e.g. shop.orders, shop.order_*, logs.*)");
        }

        return new TablePattern(text);
    }

    public bool Matches(string database, string table) =>
        Regex.IsMatch($"{database}.{table}", "^" + Regex.Escape(Text).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public override string ToString() => Text;
}

/// <summary>
/// A restore cannot be done as asked; <see cref="Code"/> is the API error code and <see cref="Status"/> its HTTP status
/// (400 invalid_request, 404 unknown_run / backup_missing, 409 tables_not_empty / restore_active / replica_unavailable).
/// </summary>
public sealed class RestoreRefusedException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static RestoreRefusedException Invalid(string message) => new(400, "invalid_request", message);

    public static RestoreRefusedException NotFound(string code, string message) => new(404, code, message);

    public static RestoreRefusedException Conflict(string code, string message) => new(409, code, message);
}
