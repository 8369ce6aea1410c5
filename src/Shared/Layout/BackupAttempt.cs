using System.Globalization;

namespace ClickVault.Cluster.Shared.Layout;

/// <summary>
/// One attempt at a run's backup of a shard. The first is labelled by the run id alone; a retry on another replica
/// (<c>backup.failover</c>) is attempt 2 and up, labelled <c>{run}.a{n}</c>. Backup ids and folders are built from the
/// label, so neither is ever reused across nodes, and everything written before attempts existed keeps its name.
/// </summary>
public readonly record struct BackupAttempt
{
    public const int First = 1;

    /// <summary>More than any policy retries; bounds the label's length.</summary>
    public const int Max = 99;

    private const string Marker = ".a";

    // YYYYMMDDTHHMMSSZ
    private const int RunLength = 16;

    public BackupAttempt(RunId run, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, First);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, Max);
        Run = run;
        Number = number;
    }

    public RunId Run { get; }

    public int Number { get; }

    /// <summary><c>20261122T020000Z</c> for the first attempt, <c>20261122T020000Z.a2</c> for the second.</summary>
    public string Label => Number == First ? Run.Value : string.Create(CultureInfo.InvariantCulture, $"{Run.Value}{Marker}{Number}");

    public static BackupAttempt FirstOf(RunId run) => new(run, First);

    /// <summary>A whole label: the run id, or the run id and <c>.a{n}</c> with n from 2 to <see cref="Max"/>, without leading zeros.</summary>
    public static bool TryParse(string? text, out BackupAttempt attempt) =>
        TryParseStart(text, out attempt, out var length) && length == text!.Length;

    /// <summary>A label at the start of <paramref name="text"/> (e.g. of a backup id); <paramref name="length"/> is how much it takes.</summary>
    public static bool TryParseStart(string? text, out BackupAttempt attempt, out int length)
    {
        attempt = default;
        length = 0;
        if (text is null || text.Length < RunLength || !RunId.TryParse(text[..RunLength], out var run))
        {
            return false;
        }

        length = RunLength;
        if (!text.AsSpan(RunLength).StartsWith(Marker, StringComparison.Ordinal))
        {
            attempt = FirstOf(run);
            return true;
        }

        var digits = text.AsSpan(RunLength + Marker.Length);
        var count = 0;
        while (count < digits.Length && char.IsAsciiDigit(digits[count]))
        {
            count++;
        }

        // ".a1" or ".a02" would be a second name for an attempt that has one already.
        if (count == 0 || digits[0] == '0' || !int.TryParse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is <= First or > Max)
        {
            length = 0;
            return false;
        }

        attempt = new BackupAttempt(run, number);
        length = RunLength + Marker.Length + count;
        return true;
    }

    public BackupAttempt Next() => new(Run, Number + 1);

    public override string ToString() => Label;
}
