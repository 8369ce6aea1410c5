using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// One restore of the cluster, labelled <c>restore-YYYYMMDDTHHMMSSZ</c> by its UTC start second (the same shape as a run
/// id, so operators read both the same way). Its operations on the servers are <c>{restore}-{shard}-{replica}</c>.
/// </summary>
public readonly partial record struct RestoreId
{
    public const string Prefix = "restore-";

    private RestoreId(RunId label) => Label = label;

    /// <summary>The start second, as a run id.</summary>
    public RunId Label { get; }

    public string Value => Prefix + Label.Value;

    public static RestoreId From(DateTimeOffset time) => new(RunId.From(time));

    public static bool TryParse(string? text, out RestoreId id)
    {
        id = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || !RunId.TryParse(text[Prefix.Length..], out var label))
        {
            return false;
        }

        id = new RestoreId(label);
        return true;
    }

    public static RestoreId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"restore id '{text}' is invalid: expected {Prefix}YYYYMMDDTHHMMSSZ, e.g. {Prefix}20260101T020000Z");

    /// <summary>The next label after <paramref name="previous"/> (two restores in one second get distinct ids).</summary>
    public RestoreId After(RestoreId previous) =>
        Label.CompareTo(previous.Label) > 0 ? this : new RestoreId(RunId.From(previous.Label.StartedAt.AddSeconds(1)));

    /// <summary>The RESTORE's <c>SETTINGS id</c> on one replica of one shard; characters an id cannot hold become '_'.</summary>
    public OperationId OperationFor(ShardId shard, string replica) => new($"{Value}-{shard.Value}-{Safe(replica)}");

    /// <summary>Whether an operation id names a restore (backups are <c>{run}[.a{n}]-{shard}</c>, starting with a digit).</summary>
    public static bool IsRestoreOperation(string operationId) => operationId.StartsWith(Prefix, StringComparison.Ordinal);

    public override string ToString() => Value;

    private static string Safe(string replica)
    {
        var text = new StringBuilder(replica.Length);
        foreach (var c in replica)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-' ? c : '_');
        }

        return text.Length == 0 ? "_" : text.ToString();
    }
}

/// <summary>Correlates a coordinator request to an agent (inspect, drop, render) with the agent's one reply.</summary>
public readonly partial record struct RequestId
{
    public RequestId(string value)
    {
        Value = Pattern().IsMatch(value ?? string.Empty)
            ? value!
            : throw new ArgumentException($"request id '{value}' is invalid: expected 1-64 characters of letters, digits, '.', '_', '-'", nameof(value));
    }

    public string Value { get; }

    public static RequestId New() => new(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Pattern();
}

public sealed class RequestIdJsonConverter : StringIdJsonConverter<RequestId>
{
    protected override RequestId Parse(string text) => new(text);

    protected override string Format(RequestId value) => value.Value;
}
