namespace ClickVault.Cluster.Cli;

/// <summary>
/// Everything the CLI takes from its process, injected so tests run it in-process: the output writers, the
/// environment (for <c>CLICKVAULT_*</c> defaults), whether stdout is an interactive terminal (live progress vs
/// one line per event), and the clock (polling and ages).
/// </summary>
public sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Environment,
    bool OutputIsTerminal,
    TimeProvider Time)
{
    public static CliHost FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new CliHost(Console.Out, Console.Error, environment, !Console.IsOutputRedirected, TimeProvider.System);
    }

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public string? Variable(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
