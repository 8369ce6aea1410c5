using System.Text.Json;
using ClickVault.Cluster.Cli.Import;
using ClickVault.Cluster.Shared.Configuration;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// Reports what <c>config import</c> did: the files written, every ClickVault key mapped (source → target) and not
/// mapped (with why), what to review, and the validation of both generated files. Keys only: a secret value written
/// to an environment file is scrubbed from every line should any message carry one.
/// </summary>
public sealed class ConfigImportOutput(CliHost host, bool json)
{
    public void Imported(ConfigImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        if (json)
        {
            Line(JsonSerializer.Serialize(report, ImportJson.Default.ConfigImportReport), result.Secrets);
            return;
        }

        Line($"imported {report.Source}; wrote:", result.Secrets);
        Lines(report.Files.Select(f => "  " + f), result.Secrets);
        Line($"mapped ({report.Mapped.Count} ClickVault key(s) -> ClickVault Cluster):", result.Secrets);
        Lines(report.Mapped.Select(m => $"  {m.Source} -> {string.Join(", ", m.Targets)}"), result.Secrets);
        Line(report.Unmapped.Count == 0 ? "not mapped: none" : $"not mapped ({report.Unmapped.Count}):", result.Secrets);
        Lines(report.Unmapped.Select(u => $"  {u.Source}: {u.Reason}"), result.Secrets);
        Line("review:", result.Secrets);
        Lines(report.Notes.Select(n => "  - " + n), result.Secrets);
        foreach (var validation in report.Validation)
        {
            Line(validation.Valid
                ? $"{validation.File}: valid {validation.Kind} configuration"
                : $"{validation.File}: invalid {validation.Kind} configuration, {validation.Problems.Count} problem(s):", result.Secrets);
            Lines(validation.Problems.Select(p => "  - " + p), result.Secrets);
        }

        host.Out.Flush();
    }

    private void Lines(IEnumerable<string> lines, IReadOnlyList<string> secrets)
    {
        foreach (var line in lines)
        {
            Line(line, secrets);
        }
    }

    private void Line(string text, IReadOnlyList<string> secrets) => host.Out.WriteLine(ConfigurationSecrets.Redact(text, secrets));
}
