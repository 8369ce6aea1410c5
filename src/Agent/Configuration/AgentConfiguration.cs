using ClickVault.Cluster.Agent.ConfigFiles;
using System.Collections.Frozen;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// Where the agent's configuration comes from, lowest precedence first: the YAML, JSON or TOML file given with <c>--config</c>,
/// environment variables <c>CLICKVAULT_{SECTION}__{KEY}</c> (the mapping of <c>AddEnvironmentVariables("CLICKVAULT_")</c>:
/// prefix removed, <c>__</c> → <c>:</c>), then the flat names of <see cref="FlatVariables"/>, which win over both.
/// </summary>
public static class AgentConfiguration
{
    public const string EnvironmentPrefix = ConfigurationEnvironment.Prefix;

    /// <summary>Short names for the secrets and credentials that deployments usually inject one by one.</summary>
    public static FrozenDictionary<string, string> FlatVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CLICKVAULT_AGENT_TOKEN"] = "agent:token",
        ["CLICKVAULT_CLICKHOUSE_USER"] = "clickhouse:user",
        ["CLICKVAULT_CLICKHOUSE_PASSWORD"] = "clickhouse:password",
        ["CLICKVAULT_S3_ACCESS_KEY"] = "destination:s3_access_key",
        ["CLICKVAULT_S3_SECRET_KEY"] = "destination:s3_secret_key",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every top-level section of an agent config file; any other is reported as unknown.</summary>
    public static IReadOnlyList<ConfigurationSectionSchema> Sections { get; } =
    [
        // agent and destination are read key by key (SectionReader), which reports unknown keys and bad values itself.
        ConfigurationSectionSchema.Free(AgentOptions.Section),
        ConfigurationSectionSchema.Free(DestinationOptions.Section),
        ConfigurationSectionSchema.Free(ConfigBackupOptions.Section),
        new(ClickHouseOptions.Section, typeof(ClickHouseOptions)),
        ConfigurationSectionSchema.Free("logging"),
    ];

    /// <summary>Builds the configuration from an optional YAML, JSON or TOML file and the given environment.</summary>
    /// <exception cref="FileNotFoundException">The file was named but does not exist.</exception>
    /// <exception cref="ArgumentException">The file's extension is not supported.</exception>
    /// <exception cref="ConfigurationFileException">The file is not valid YAML, JSON or TOML.</exception>
    public static IConfigurationRoot Build(string? configFile, IReadOnlyDictionary<string, string> environment) =>
        Build(configFile is null ? null : ConfigurationFileLoader.Load(configFile), environment);

    /// <summary>The configuration the agent runs with: <paramref name="file"/> (may be null) under the environment overrides, durations in binder form.</summary>
    public static IConfigurationRoot Build(IConfiguration? file, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.AddConfiguration(file);
        }

        ConfigurationEnvironment.AddOverrides(builder, environment, FlatVariables);
        return builder.Add(new DurationFormSource(Sections)).Build();
    }

    /// <summary>The process environment as <see cref="Build(string?, IReadOnlyDictionary{string, string})"/> takes it.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() => ConfigurationEnvironment.Process();

    /// <summary>Every problem, each naming its key; empty when the agent can start. Contacts nothing.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration effective, IConfiguration? file) =>
        ConfigurationCheck.Problems(effective, file, Sections, (services, configuration) => services.AddClickVaultAgent(configuration));
}

/// <summary><c>clickvault-agent [--config FILE.yaml|FILE.json|FILE.toml]</c>.</summary>
public sealed record AgentCommandLine(string? ConfigFile, bool Help)
{
    public const string Usage = """
        usage: clickvault-agent [--config FILE.yaml|FILE.json|FILE.toml]
          Configuration: the YAML, JSON or TOML file (sections agent, clickhouse, destination; snake_case keys; see
          deploy/agent.example.yaml), then environment
          variables CLICKVAULT_AGENT__TOKEN, CLICKVAULT_CLICKHOUSE__URL, ... and the flat names CLICKVAULT_AGENT_TOKEN,
          CLICKVAULT_CLICKHOUSE_USER, CLICKVAULT_CLICKHOUSE_PASSWORD, CLICKVAULT_S3_ACCESS_KEY, CLICKVAULT_S3_SECRET_KEY.
          Exit codes: 0 stopped gracefully, 2 invalid arguments or configuration (every problem is printed; nothing was contacted).
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
