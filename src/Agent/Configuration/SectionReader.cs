using System.Globalization;
using ClickVault.Cluster.Shared.Durations;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// Reads one configuration section key by key (snake_case names) and remembers, instead of throwing, every value that
/// cannot be read and every key the section does not know, each named by its full path (<c>agent.poll_interval</c>).
/// Values of keys that may hold secrets are never echoed.
/// </summary>
internal sealed class SectionReader
{
    private readonly IConfiguration _section;
    private readonly string _name;
    private readonly List<string> _known = [];
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _failedKeys = new(StringComparer.Ordinal);

    public SectionReader(IConfiguration root, string name)
    {
        _section = root.GetSection(name);
        _name = name;
    }

    /// <summary>The text of a key; null when absent or empty.</summary>
    public string? String(string key)
    {
        _known.Add(key);
        var value = _section[key];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// A list: one comma-separated value (an environment variable, which then wins over a file's list), or the section's
    /// children (YAML/JSON/TOML arrays).
    /// </summary>
    public IReadOnlyList<string> Strings(string key)
    {
        _known.Add(key);
        var section = _section.GetSection(key);
        IEnumerable<string?> items = string.IsNullOrEmpty(section.Value) ? section.GetChildren().Select(c => c.Value) : section.Value.Split(',');
        return [.. items.Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0)];
    }

    /// <summary>An absolute URL; null when absent. The value is not echoed in the error (a URL may carry credentials).</summary>
    public Uri? Url(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
        {
            return url;
        }

        Fail(key, "must be an absolute URL");
        return null;
    }

    /// <summary>A duration as <see cref="DurationText"/> reads it (<c>500ms</c>, <c>1.5m</c>, <c>1h30m</c>, <c>hh:mm:ss</c>); <paramref name="fallback"/> when absent.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = String(key);
        if (text is null)
        {
            return fallback;
        }

        if (DurationText.TryParse(text, DurationSyntax.Configuration, out var value, out var problem))
        {
            return value;
        }

        Fail(key, $"is invalid: {problem}");
        return fallback;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent.</summary>
    public long Int64(string key, long fallback, long min, long max)
    {
        var text = String(key);
        if (text is null)
        {
            return fallback;
        }

        if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(key, $"must be a whole number from {min} to {max} (got '{text}')");
        return fallback;
    }

    /// <summary>Flags keys of the section that were never asked for (typos), then returns the value with every problem.</summary>
    public OptionsRead<T> Finish<T>(T value)
    {
        foreach (var child in _section.GetChildren())
        {
            if (!_known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Fail(child.Key, $"is not a known key (known: {string.Join(", ", _known)})");
            }
        }

        return new OptionsRead<T>(value, _errors.ToArray(), _failedKeys.ToHashSet(StringComparer.Ordinal));
    }

    private void Fail(string key, string problem)
    {
        var path = $"{_name}.{key}";
        _failedKeys.Add(path);
        _errors.Add($"{path} {problem}");
    }
}

/// <summary>Options read from configuration, with a message per key that could not be read.</summary>
internal sealed record OptionsRead<T>(T Value, IReadOnlyList<string> Errors, IReadOnlySet<string> FailedKeys);
