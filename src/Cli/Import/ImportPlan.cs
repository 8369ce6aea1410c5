namespace ClickVault.Cluster.Cli.Import;

/// <summary>What the import needs besides the ClickVault file: the cluster name and the two tokens ClickVault has no equivalent of.</summary>
public sealed record ImportSettings(string Cluster, string AgentToken, string OperatorToken);

/// <summary>One setting of a generated YAML file: its configuration path (<c>s3:bucket</c>), its value, and the ClickVault key it comes from (null: set by the import).</summary>
public sealed record GeneratedSetting(string Key, string Value, string? Source);

/// <summary>
/// A secret of a generated configuration, written to the process's environment file and never to its YAML:
/// the variable, the configuration key it sets (named in the YAML as a comment), its value, and its ClickVault key (null: generated).
/// </summary>
public sealed record GeneratedSecret(string Variable, string Key, string Value, string? Source);

/// <summary>One process's generated configuration: the YAML settings in file order, and the secrets.</summary>
public sealed record GeneratedConfig(IReadOnlyList<GeneratedSetting> Settings, IReadOnlyList<GeneratedSecret> Secrets);

/// <summary>A ClickVault key (<c>s3.bucket</c>) and where it went (<c>coordinator.yaml s3.bucket</c>, <c>agent.env CLICKVAULT_S3_SECRET_KEY</c>).</summary>
public sealed record MappedKey(string Source, IReadOnlyList<string> Targets);

/// <summary>A ClickVault key the import could not map, and why.</summary>
public sealed record UnmappedKey(string Source, string Reason);

/// <summary>Everything the mapper decided: both configurations, every key mapped and not mapped, and what to review.</summary>
public sealed record ImportPlan(
    GeneratedConfig Coordinator,
    GeneratedConfig Agent,
    IReadOnlyList<MappedKey> Mapped,
    IReadOnlyList<UnmappedKey> Unmapped,
    IReadOnlyList<string> Notes)
{
    /// <summary>The generated files, by name, in the order they are written and listed.</summary>
    public const string CoordinatorYaml = "coordinator.yaml";
    public const string CoordinatorEnv = "coordinator.env";
    public const string AgentYaml = "agent.yaml";
    public const string AgentEnv = "agent.env";
}
