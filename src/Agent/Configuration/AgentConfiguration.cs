using System.Collections;
using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// Where the agent's configuration comes from, lowest precedence first: the JSON file given with <c>--config</c>,
/// environment variables <c>CLICKVAULT_{SECTION}__{KEY}</c> (the mapping of <c>AddEnvironmentVariables("CLICKVAULT_")</c>:
/// prefix removed, <c>__</c> → <c>:</c>), then the flat names of <see cref="FlatVariables"/>, which win over both.
/// </summary>
public static class AgentConfiguration
{
    public const string EnvironmentPrefix = "CLICKVAULT_";

    /// <summary>Short names for the secrets and credentials that deployments usually inject one by one.</summary>
    public static FrozenDictionary<string, string> FlatVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CLICKVAULT_AGENT_TOKEN"] = "agent:token",
        ["CLICKVAULT_CLICKHOUSE_USER"] = "clickhouse:user",
        ["CLICKVAULT_CLICKHOUSE_PASSWORD"] = "clickhouse:password",
        ["CLICKVAULT_S3_ACCESS_KEY"] = "destination:s3_access_key",
        ["CLICKVAULT_S3_SECRET_KEY"] = "destination:s3_secret_key",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Builds the configuration from an optional JSON file and the given environment.</summary>
    /// <exception cref="FileNotFoundException">The file was named but does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON.</exception>
    public static IConfigurationRoot Build(string? configFile, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"config file {path} does not exist", path);
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(Prefixed(environment));
        builder.AddInMemoryCollection(Flat(environment));
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"config file {configFile} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>The process environment as <see cref="Build"/> takes it.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, string?>> Prefixed(IReadOnlyDictionary<string, string> environment) =>
        environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && e.Key.Contains("__", StringComparison.Ordinal))
            .Select(e => new KeyValuePair<string, string?>(e.Key[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), e.Value));

    private static IEnumerable<KeyValuePair<string, string?>> Flat(IReadOnlyDictionary<string, string> environment) =>
        FlatVariables
            .Where(v => environment.TryGetValue(v.Key, out var value) && value.Length > 0)
            .Select(v => new KeyValuePair<string, string?>(v.Value, environment[v.Key]));
}

/// <summary><c>clickvault-agent [--config FILE.json]</c>.</summary>
public sealed record AgentCommandLine(string? ConfigFile, bool Help)
{
    public const string Usage = """
        usage: clickvault-agent [--config FILE.json]
          Configuration: the JSON file (sections agent, clickhouse, destination; snake_case keys), then environment
          variables CLICKVAULT_AGENT__TOKEN, CLICKVAULT_CLICKHOUSE__URL, ... and the flat names CLICKVAULT_AGENT_TOKEN,
          CLICKVAULT_CLICKHOUSE_USER, CLICKVAULT_CLICKHOUSE_PASSWORD, CLICKVAULT_S3_ACCESS_KEY, CLICKVAULT_S3_SECRET_KEY.
        """;

    /// <exception cref="ArgumentException">An argument is unknown or <c>--config</c> has no value.</exception>
    public static AgentCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return new AgentCommandLine(configFile, Help: true);
            }

            if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                configFile = Value(arg["--config=".Length..]);
            }
            else if (arg == "--config")
            {
                configFile = i + 1 < args.Count ? Value(args[++i]) : throw new ArgumentException("--config needs a file name");
            }
            else
            {
                throw new ArgumentException($"unknown argument '{arg}'");
            }
        }

        return new AgentCommandLine(configFile, Help: false);
    }

    private static string Value(string text) => text.Length > 0 ? text : throw new ArgumentException("--config needs a file name");
}
