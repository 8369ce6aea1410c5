using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// One BACKUP/RESTORE operation on one server: the ClickHouse <c>SETTINGS id</c>, <c>{run}-{shard}</c> for a
/// cluster run's backup of a shard (<c>{run}.a{n}-{shard}</c> for its retry n, see <see cref="BackupAttempt"/>). Fixed
/// before dispatch, so asking a server about it is always possible.
/// </summary>
public readonly partial record struct OperationId
{
    public OperationId(string value)
    {
        Value = Pattern().IsMatch(value ?? string.Empty)
            ? value!
            : throw new ArgumentException($"operation id '{value}' is invalid: expected 1-128 characters of letters, digits, '.', '_', ':', '-'", nameof(value));
    }

    public string Value { get; }

    public static OperationId ForBackup(RunId run, ShardId shard) => ForBackup(BackupAttempt.FirstOf(run), shard);

    // The attempt goes before the shard: a shard id may hold '.' and '-', a run id has a fixed length.
    public static OperationId ForBackup(BackupAttempt attempt, ShardId shard) => new($"{attempt.Label}-{shard.Value}");

    /// <summary>The attempt and shard a backup id names (<c>{run}-{shard}</c> or <c>{run}.a{n}-{shard}</c>); false for any other text.</summary>
    public static bool TryParseBackup(string? text, out BackupAttempt attempt, out ShardId shard)
    {
        shard = default;
        if (!BackupAttempt.TryParseStart(text, out attempt, out var length) || text!.Length <= length + 1 || text[length] != '-'
            || !ShardId.PathSafe().IsMatch(text[(length + 1)..]))
        {
            attempt = default;
            return false;
        }

        shard = new ShardId(text[(length + 1)..]);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex Pattern();
}

/// <summary>An agent: the replica it sits next to, within its cluster and shard.</summary>
public readonly record struct AgentId(ClusterName Cluster, ShardId Shard, string Replica)
{
    public override string ToString() => $"{Cluster}/{Shard}/{Replica}";
}
