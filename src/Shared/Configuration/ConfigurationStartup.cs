using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>The configuration a process starts with: the file alone (null without <c>--config</c>) and with the environment over it.</summary>
public sealed record CheckedConfiguration(IConfigurationRoot? File, IConfigurationRoot Effective);

/// <summary>
/// The start of both processes, before anything is opened: load the file, layer the environment, run the process's
/// check, and report every problem (secrets redacted) on stderr.
/// </summary>
public static class ConfigurationStartup
{
    /// <param name="process">Names the process in messages (<c>clickvault-agent</c>).</param>
    /// <param name="configFile">The <c>--config</c> file, or null.</param>
    /// <param name="build">Layers the process's environment over the file (null: no file).</param>
    /// <param name="problems">The process's check of (effective, file).</param>
    /// <returns>The configuration, or null when it cannot be used (everything wrong was reported).</returns>
    public static async Task<CheckedConfiguration?> LoadAsync(
        string process,
        string? configFile,
        Func<IConfiguration?, IConfigurationRoot> build,
        Func<IConfiguration, IConfiguration?, IReadOnlyList<string>> problems,
        TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        IConfigurationRoot? file;
        try
        {
            file = configFile is null ? null : ConfigurationFileLoader.Load(configFile);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or ConfigurationFileException)
        {
            await error.WriteLineAsync($"{process}: {e.Message}").ConfigureAwait(false);
            return null;
        }

        var effective = build(file);
        var found = problems(effective, file);
        if (found.Count > 0)
        {
            await ReportAsync(process, found, effective, error).ConfigureAwait(false);
            return null;
        }

        return new CheckedConfiguration(file, effective);
    }

    /// <summary>Prints <paramref name="problems"/>, one per line, without any secret value of <paramref name="configuration"/>.</summary>
    public static async Task ReportAsync(string process, IReadOnlyList<string> problems, IConfiguration configuration, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        var secrets = ConfigurationSecrets.Values(configuration);
        await error.WriteLineAsync($"{process}: invalid configuration ({problems.Count} problem(s)); nothing was started or contacted:").ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("  - " + ConfigurationSecrets.Redact(problem, secrets)).ConfigureAwait(false);
        }
    }
}
