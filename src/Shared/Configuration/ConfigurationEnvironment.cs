using System.Collections;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Environment overrides of both processes, over the file: <c>CLICKVAULT_{SECTION}__{KEY}</c> (prefix removed,
/// <c>__</c> → <c>:</c>, as <c>AddEnvironmentVariables("CLICKVAULT_")</c> maps them), then the flat names of a process's
/// table (e.g. <c>CLICKVAULT_AGENT_TOKEN</c> → <c>coordinator:agent_token</c>), which win over both.
/// </summary>
public static class ConfigurationEnvironment
{
    public const string Prefix = "CLICKVAULT_";

    /// <summary>The process environment as the builders take it.</summary>
    public static IReadOnlyDictionary<string, string> Process() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Adds the prefixed, then the flat overrides found in <paramref name="environment"/>.</summary>
    public static IConfigurationBuilder AddOverrides(
        IConfigurationBuilder builder,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> flat)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flat);
        builder.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && e.Key.Contains("__", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)e.Value)));
        builder.AddInMemoryCollection(flat
            .Where(v => environment.TryGetValue(v.Key, out var value) && value.Length > 0)
            .Select(v => KeyValuePair.Create(v.Value, (string?)environment[v.Key])));
        return builder;
    }
}
