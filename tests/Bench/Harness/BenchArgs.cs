using System.Globalization;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>A bad command line; the message names the option and what was wrong.</summary>
public sealed class BenchUsageException(string message) : Exception(message);

/// <summary>
/// <c>--name value</c> options after the mode. Modes read theirs before anything runs, so an option no mode read (a typo)
/// is refused up front instead of silently measuring the defaults.
/// </summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArgs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new BenchUsageException($"expected '--option value' pairs, got '{args[i]}'{(i + 1 >= args.Count ? " without a value" : "")}");
            }
            _values[args[i]] = args[i + 1];
        }
    }

    public long Long(string name, long fallback, long min = 1) => Number(name, fallback, min, long.TryParse);

    public int Int(string name, int fallback, int min = 1) => Number(name, fallback, min, int.TryParse);

    public double Double(string name, double fallback, double min) => Number(name, fallback, min, double.TryParse);

    /// <summary>A comma-separated list of whole numbers, e.g. <c>--backups 100,1000</c>.</summary>
    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1)
            ? [.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]
            : throw new BenchUsageException($"{name}: '{text}' is not a comma-separated list of whole numbers >= 1");
    }

    /// <summary>The options given that no mode read.</summary>
    public IReadOnlyList<string> Unread => [.. _values.Keys.Where(k => !_read.Contains(k))];

    private delegate bool Parser<T>(string text, NumberStyles styles, IFormatProvider provider, out T value);

    private T Number<T>(string name, T fallback, T min, Parser<T> parse)
        where T : IComparable<T>
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return parse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value.CompareTo(min) >= 0
            ? value
            : throw new BenchUsageException($"{name}: '{text}' is not a number >= {min}");
    }
}
