using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ClickVault.Cluster.Shared.Layout;

/// <summary>A ClickHouse shard as its <c>shard</c> macro names it (e.g. "1", "01", "eu-1").</summary>
public readonly partial record struct ShardId
{
    public ShardId(string value)
    {
        Value = PathSafe().IsMatch(value ?? string.Empty)
            ? value!
            : throw new ArgumentException($"shard id '{value}' is invalid: expected 1-64 characters of letters, digits, '.', '_' or '-'", nameof(value));
    }

    public string Value { get; }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")]
    internal static partial Regex PathSafe();
}

/// <summary>The name of the ClickHouse cluster (remote_servers entry) a backup belongs to.</summary>
public readonly record struct ClusterName
{
    public ClusterName(string value)
    {
        Value = ShardId.PathSafe().IsMatch(value ?? string.Empty)
            ? value!
            : throw new ArgumentException($"cluster name '{value}' is invalid: expected 1-64 characters of letters, digits, '.', '_' or '-'", nameof(value));
    }

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>
/// A cluster run, labelled by its UTC start second as <c>YYYYMMDDTHHMMSSZ</c>; every shard's backup of
/// the run carries the same label, so the label is also the backup's timestamp in the S3 layout.
/// </summary>
public readonly record struct RunId : IComparable<RunId>
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    private RunId(DateTimeOffset startedAt) => StartedAt = startedAt;

    public DateTimeOffset StartedAt { get; }

    public string Value => StartedAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static RunId From(DateTimeOffset time) =>
        new(new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));

    public static RunId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"run id '{text}' is invalid: expected UTC time as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z");

    public static bool TryParse(string? text, out RunId id)
    {
        var ok = DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed);
        id = ok ? new RunId(new DateTimeOffset(parsed, TimeSpan.Zero)) : default;
        return ok;
    }

    public int CompareTo(RunId other) => StartedAt.CompareTo(other.StartedAt);

    public override string ToString() => Value;
}

/// <summary>Full backups start a chain; incrementals name a base backup of the same shard.</summary>
public enum BackupKind
{
    [JsonStringEnumMemberName("full")]
    Full,

    [JsonStringEnumMemberName("incremental")]
    Incremental,
}
