using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Cli.Config;

/// <summary>Which process a config file is for.</summary>
public enum ConfigKind
{
    Coordinator,
    Agent,
}

/// <summary>What <c>clickvault config validate</c> checks: the file, its kind (null: from its sections), whether the environment applies.</summary>
public sealed record ConfigValidationRequest(string File, ConfigKind? Kind, bool UseEnvironment);

/// <summary>The outcome: every problem, each naming its key, with secrets of the file redacted.</summary>
public sealed record ConfigValidationReport(string File, string? Kind, bool Valid, IReadOnlyList<string> Problems);

/// <summary>
/// Runs the very check the coordinator or the agent runs at start-up (<see cref="CoordinatorConfiguration.Problems"/>,
/// <see cref="AgentConfiguration.Problems"/>) on a file, with the same environment overrides unless told not to.
/// </summary>
public static class ConfigFileValidation
{
    /// <exception cref="CliUsageException">The file does not exist or has an unsupported extension.</exception>
    public static ConfigValidationReport Validate(ConfigValidationRequest request, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(request);
        IConfigurationRoot file;
        try
        {
            file = ConfigurationFileLoader.Load(request.File);
        }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException)
        {
            throw new CliUsageException($"config validate: {e.Message}");
        }
        catch (ConfigurationFileException e)
        {
            return Invalid(request, request.Kind, [e.Message]);
        }

        string? undetected = null;
        var kind = request.Kind ?? Detect(file, out undetected);
        if (kind is null)
        {
            return Invalid(request, null, [undetected ?? "the kind of the file is unknown; pass --kind coordinator|agent"]);
        }

        var applied = request.UseEnvironment ? environment : new Dictionary<string, string>();
        var (effective, problems) = kind == ConfigKind.Coordinator
            ? Check(CoordinatorConfiguration.Build(file, applied), c => CoordinatorConfiguration.Problems(c, file))
            : Check(AgentConfiguration.Build(file, applied), c => AgentConfiguration.Problems(c, file));
        var secrets = ConfigurationSecrets.Values(effective);
        return new ConfigValidationReport(request.File, Name(kind.Value), problems.Count == 0,
            [.. problems.Select(p => ConfigurationSecrets.Redact(p, secrets))]);
    }

    /// <summary>The kind whose sections the file has; null (and why) when it has both kinds' or neither's.</summary>
    internal static ConfigKind? Detect(IConfiguration file, out string? problem)
    {
        var sections = file.GetChildren().Select(c => c.Key).ToList();
        var coordinator = Own(CoordinatorConfiguration.Sections, AgentConfiguration.Sections, sections);
        var agent = Own(AgentConfiguration.Sections, CoordinatorConfiguration.Sections, sections);
        problem = (coordinator.Count > 0, agent.Count > 0) switch
        {
            (true, false) or (false, true) => null,
            (true, true) => $"the file mixes coordinator sections ({string.Join(", ", coordinator)}) and agent sections " +
                $"({string.Join(", ", agent)}); each process has its own file",
            _ => $"cannot tell whether this is a coordinator or an agent config: it has none of their sections " +
                $"(top level: {(sections.Count == 0 ? "empty" : string.Join(", ", sections))}); pass --kind coordinator|agent",
        };
        return problem is not null ? null : coordinator.Count > 0 ? ConfigKind.Coordinator : ConfigKind.Agent;
    }

    private static List<string> Own(IReadOnlyList<ConfigurationSectionSchema> mine, IReadOnlyList<ConfigurationSectionSchema> theirs, List<string> present) =>
        [.. present.Where(p => mine.Any(s => s.Name.Equals(p, StringComparison.OrdinalIgnoreCase))
            && !theirs.Any(s => s.Name.Equals(p, StringComparison.OrdinalIgnoreCase)))];

    private static (IConfiguration Effective, IReadOnlyList<string> Problems) Check(IConfiguration effective, Func<IConfiguration, IReadOnlyList<string>> problems) =>
        (effective, problems(effective));

    private static ConfigValidationReport Invalid(ConfigValidationRequest request, ConfigKind? kind, IReadOnlyList<string> problems) =>
        new(request.File, kind is { } k ? Name(k) : null, false, problems);

    private static string Name(ConfigKind kind) => kind.ToString().ToLowerInvariant();
}
