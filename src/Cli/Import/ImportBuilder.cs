using System.Globalization;
using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>How a ClickVault value becomes a setting here; null from <see cref="Apply"/> when it cannot, <see cref="Expected"/> says what was wanted.</summary>
internal sealed record Conversion(Func<string, string?> Apply, string Expected);

/// <summary>
/// The state of one import: the ClickVault keys read so far, the settings and secrets of both processes in the order
/// they were set, and what could not be mapped. Every key never read is reported as unknown by <see cref="Finish"/>.
/// </summary>
internal sealed class ImportBuilder(IReadOnlyDictionary<string, string?> source)
{
    private readonly Dictionary<string, string?> source = new(source, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> read = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GeneratedSetting> coordinator = [];
    private readonly List<GeneratedSetting> agent = [];
    private readonly List<GeneratedSecret> coordinatorSecrets = [];
    private readonly List<GeneratedSecret> agentSecrets = [];
    private readonly List<(string Source, string Target)> mapped = [];
    private readonly List<UnmappedKey> unmapped = [];
    private readonly List<string> notes = [];

    public bool Has(string key) => source.ContainsKey(key);

    /// <summary>The value at <paramref name="key"/> (null when absent), which counts as read.</summary>
    public string? Take(string key)
    {
        read.Add(key);
        return source.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Marks every key under <paramref name="prefix"/> read, when they are reported as one.</summary>
    public void TakeAll(string prefix)
    {
        foreach (var key in Under(prefix))
        {
            read.Add(key);
        }
    }

    /// <summary>The keys below <paramref name="prefix"/> (<c>notifications:providers</c> → <c>notifications:providers:0:type</c>, ...).</summary>
    public List<string> Under(string prefix) =>
        [.. source.Keys.Where(k => k.StartsWith(prefix + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The list indices present below <paramref name="prefix"/>, in order.</summary>
    public List<int> Indices(string prefix) =>
        [.. Under(prefix).Select(k => k[(prefix.Length + 1)..].Split(ConfigurationPath.KeyDelimiter)[0])
            .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1)
            .Where(i => i >= 0).Distinct().Order()];

    /// <summary>
    /// Copies the value at <paramref name="from"/> to the coordinator's and/or the agent's key, converted; false when it
    /// is absent or cannot be converted (then reported as not mapped).
    /// </summary>
    public bool Copy(string from, string? toCoordinator = null, string? toAgent = null, Conversion? convert = null)
    {
        if (Take(from) is not { } text)
        {
            return false;
        }

        var value = convert is null ? text : convert.Apply(text.Trim());
        if (value is null)
        {
            Unmapped(from, ConfigurationSecrets.IsSecretKey(from) ? $"not {convert!.Expected}" : $"'{text}' is not {convert!.Expected}");
            return false;
        }

        Fan(toCoordinator, toAgent, key => Coordinator(key, value, from), key => Agent(key, value, from));
        return true;
    }

    /// <summary>Copies a secret to the processes' environment files; false when it is absent or empty.</summary>
    public bool CopySecret(string from, string? toCoordinator = null, string? toAgent = null)
    {
        if (Take(from) is not { Length: > 0 } value)
        {
            return false;
        }

        Fan(toCoordinator, toAgent, key => CoordinatorSecret(key, value, from), key => AgentSecret(key, value, from));
        return true;
    }

    public void Coordinator(string key, string value, string? from) => Add(coordinator, ImportPlan.CoordinatorYaml, new(key, value, from));

    public void Agent(string key, string value, string? from) => Add(agent, ImportPlan.AgentYaml, new(key, value, from));

    public void CoordinatorSecret(string key, string value, string? from) =>
        Add(coordinatorSecrets, ImportPlan.CoordinatorEnv, new(Variable(CoordinatorConfiguration.FlatEnvironment, key), key, value, from));

    public void AgentSecret(string key, string value, string? from) =>
        Add(agentSecrets, ImportPlan.AgentEnv, new(Variable(AgentConfiguration.FlatVariables, key), key, value, from));

    /// <summary>Reports <paramref name="key"/> as not mapped; the reason must not contain a secret value.</summary>
    public void Unmapped(string key, string reason)
    {
        read.Add(key);
        unmapped.Add(new UnmappedKey(DottedKey.Of(key), reason));
    }

    /// <summary>Reports <paramref name="key"/> as not mapped when the file has it.</summary>
    public void UnmappedIfPresent(string key, string reason)
    {
        if (Take(key) is not null)
        {
            Unmapped(key, reason);
        }
    }

    public void Note(string note) => notes.Add(note);

    public ImportPlan Finish()
    {
        // An empty table ([backup] with nothing under it) has a null value and says nothing.
        foreach (var key in source.Where(kv => kv.Value is not null && !read.Contains(kv.Key)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList())
        {
            Unmapped(key, "not a ClickVault setting (unknown key): nothing here reads it");
        }

        // In the order the mapper took them: ClickVault's sections as its README lists them.
        var targets = mapped.GroupBy(m => m.Source, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MappedKey(DottedKey.Of(g.Key), [.. g.Select(m => m.Target).Distinct(StringComparer.Ordinal)]));
        return new ImportPlan(new GeneratedConfig(coordinator, coordinatorSecrets), new GeneratedConfig(agent, agentSecrets), [.. targets], unmapped, [.. notes.Distinct(StringComparer.Ordinal)]);
    }

    private static void Fan(string? coordinatorKey, string? agentKey, Action<string> toCoordinator, Action<string> toAgent)
    {
        if (coordinatorKey is not null)
        {
            toCoordinator(coordinatorKey);
        }

        if (agentKey is not null)
        {
            toAgent(agentKey);
        }
    }

    private void Add(List<GeneratedSetting> settings, string file, GeneratedSetting setting)
    {
        settings.Add(setting);
        if (setting.Source is { } from)
        {
            mapped.Add((from, $"{file} {DottedKey.Of(setting.Key)}"));
        }
    }

    private void Add(List<GeneratedSecret> secrets, string file, GeneratedSecret secret)
    {
        secrets.Add(secret);
        if (secret.Source is { } from)
        {
            mapped.Add((from, $"{file} {secret.Variable}"));
        }
    }

    /// <summary>The process's flat name for <paramref name="key"/>, else <c>CLICKVAULT_{SECTION}__{KEY}</c> (a header name keeps its case).</summary>
    private static string Variable(IReadOnlyDictionary<string, string> flat, string key)
    {
        if (flat.FirstOrDefault(v => v.Value.Equals(key, StringComparison.OrdinalIgnoreCase)).Key is { } name)
        {
            return name;
        }

        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        var headers = Array.FindIndex(segments, s => s.Equals("headers", StringComparison.OrdinalIgnoreCase));
        return ConfigurationEnvironment.Prefix + string.Join("__", segments.Select((s, i) => headers >= 0 && i > headers ? s : s.ToUpperInvariant()));
    }
}
