using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// One BACKUP/RESTORE operation on one server: the ClickHouse <c>SETTINGS id</c>, <c>{run}-{shard}</c> for a
/// cluster run's backup of a shard. Fixed before dispatch, so asking a server about it is always possible.
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

    public static OperationId ForBackup(RunId run, ShardId shard) => new($"{run.Value}-{shard.Value}");

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex Pattern();
}

/// <summary>An agent: the replica it sits next to, within its cluster and shard.</summary>
public readonly record struct AgentId(ClusterName Cluster, ShardId Shard, string Replica)
{
    public override string ToString() => $"{Cluster}/{Shard}/{Replica}";
}
