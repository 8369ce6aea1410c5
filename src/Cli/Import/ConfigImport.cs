using System.Security.Cryptography;
using ClickVault.Cluster.Cli.Config;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Cli.Import;

/// <summary>What <c>clickvault config import</c> was asked: the ClickVault file, where to write, the cluster name, whether to overwrite.</summary>
public sealed record ConfigImportRequest(string File, string OutDir, string Cluster, bool Force);

/// <summary>What it did: the files written, every key mapped and not, what to review, and the <c>config validate</c> report of both YAML files.</summary>
public sealed record ConfigImportReport(
    string Source,
    IReadOnlyList<string> Files,
    IReadOnlyList<MappedKey> Mapped,
    IReadOnlyList<UnmappedKey> Unmapped,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ConfigValidationReport> Validation)
{
    public bool Valid => Validation.All(v => v.Valid);
}

/// <summary>The report, and the secret values written (for redacting anything printed).</summary>
public sealed record ConfigImportResult(ConfigImportReport Report, IReadOnlyList<string> Secrets);

/// <summary>
/// Reads a ClickVault <c>config.toml</c>, maps it (<see cref="ClickVaultConfigMapper"/>), writes coordinator.yaml and
/// agent.yaml with their secrets in coordinator.env and agent.env (mode 600), then checks both YAML files with the
/// check of <c>clickvault config validate</c>, the environment files' variables applied.
/// </summary>
public static class ConfigImport
{
    private const string OwnerOnly = "mode 600";

    /// <exception cref="CliUsageException">Not a .toml file, no such file, or a file to write exists without <c>--force</c>.</exception>
    /// <exception cref="ConfigFileInvalidException">The TOML is malformed (the message names line, column and key).</exception>
    public static async Task<ConfigImportResult> RunAsync(ConfigImportRequest request, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        var plan = ClickVaultConfigMapper.Map(Read(request.File), new ImportSettings(request.Cluster, NewToken(), NewToken()));
        var outDir = Path.GetFullPath(request.OutDir);
        var files = Files(plan, request.File).Select(f => f with { Name = Path.Combine(outDir, f.Name) }).ToList();
        var existing = files.Where(f => File.Exists(f.Name) || Directory.Exists(f.Name)).Select(f => f.Name).ToList();
        if (existing.Count > 0 && !request.Force)
        {
            throw new CliUsageException($"config import: {string.Join(", ", existing)} already exist(s); pass --force to overwrite, or choose another --out-dir");
        }

        Directory.CreateDirectory(outDir);
        foreach (var file in files)
        {
            await WriteAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var validation = new[]
        {
            ConfigFileValidation.Validate(new ConfigValidationRequest(files[0].Name, ConfigKind.Coordinator, UseEnvironment: true), With(environment, plan.Coordinator)),
            ConfigFileValidation.Validate(new ConfigValidationRequest(files[2].Name, ConfigKind.Agent, UseEnvironment: true), With(environment, plan.Agent)),
        };
        var report = new ConfigImportReport(request.File, [.. files.Select(f => f.Secret ? $"{f.Name} ({OwnerOnly})" : f.Name)], plan.Mapped, plan.Unmapped, plan.Notes, validation);
        // Shorter values are not scrubbed, as ConfigurationSecrets does: they would mangle ordinary words.
        var secrets = plan.Coordinator.Secrets.Concat(plan.Agent.Secrets).Select(s => s.Value).Where(v => v.Length >= 4);
        return new ConfigImportResult(report, [.. secrets.Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)]);
    }

    /// <summary>The ClickVault file as configuration keys, read by the TOML provider every config file goes through.</summary>
    private static Dictionary<string, string?> Read(string path)
    {
        if (!Path.GetExtension(path).Equals(".toml", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"config import: '{path}' is not a .toml file; it reads ClickVault's config.toml");
        }

        IConfigurationRoot root;
        try
        {
            root = ConfigurationFileLoader.Load(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CliUsageException($"config import: {e.Message}");
        }
        catch (ConfigurationFileException e)
        {
            throw new ConfigFileInvalidException($"config import: {e.Message}", e);
        }

        var provider = root.Providers.Single();
        return root.AsEnumerable().Where(kv => provider.TryGet(kv.Key, out _)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static List<OutputFile> Files(ImportPlan plan, string source) =>
    [
        new(ImportPlan.CoordinatorYaml, GeneratedFiles.Yaml(plan.Coordinator, YamlHeader("coordinator", ImportPlan.CoordinatorYaml, ImportPlan.CoordinatorEnv, source), ImportPlan.CoordinatorEnv), Secret: false),
        new(ImportPlan.CoordinatorEnv, GeneratedFiles.Environment(plan.Coordinator, EnvHeader(ImportPlan.CoordinatorYaml, ImportPlan.CoordinatorEnv, source)), Secret: true),
        new(ImportPlan.AgentYaml, GeneratedFiles.Yaml(plan.Agent, YamlHeader("agent", ImportPlan.AgentYaml, ImportPlan.AgentEnv, source), ImportPlan.AgentEnv), Secret: false),
        new(ImportPlan.AgentEnv, GeneratedFiles.Environment(plan.Agent, EnvHeader(ImportPlan.AgentYaml, ImportPlan.AgentEnv, source)), Secret: true),
    ];

    private static string[] YamlHeader(string process, string yaml, string env, string source) =>
    [
        $"clickvault-{process} --config {yaml}: generated by `clickvault config import` from {source}",
        $"Secrets are not in this file: {env} sets them (CLICKVAULT_* variables) for the process.",
        $"Check it: set -a; . ./{env}; set +a; clickvault config validate {yaml}",
        $"Every other key has its default: see deploy/{process}.example.yaml.",
    ];

    private static string[] EnvHeader(string yaml, string env, string source) =>
    [
        $"The secrets of {yaml}, generated by `clickvault config import` from {source}. Keep this file private ({OwnerOnly}).",
        $"Give it to the process: systemd EnvironmentFile=, docker compose env_file, or sh: set -a; . ./{env}; set +a",
    ];

    private static async Task WriteAsync(OutputFile file, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (file.Secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(file.Name, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(file.Text), cancellationToken).ConfigureAwait(false);
        }

        // An existing file (--force) keeps its mode otherwise.
        if (file.Secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.Name, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The environment <c>config validate</c> would see once the process's environment file is loaded.</summary>
    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, GeneratedConfig config)
    {
        var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var secret in config.Secrets)
        {
            merged[secret.Variable] = secret.Value;
        }

        return merged;
    }

    private static string NewToken() => RandomNumberGenerator.GetHexString(40, lowercase: true);

    private sealed record OutputFile(string Name, string Text, bool Secret);
}
