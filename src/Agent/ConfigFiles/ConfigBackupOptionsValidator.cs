using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.ConfigFiles;

/// <summary>Names every wrong key of <see cref="ConfigBackupOptions"/>.</summary>
public sealed class ConfigBackupOptionsValidator : IValidateOptions<ConfigBackupOptions>
{
    private const string S = ConfigBackupOptions.Section;

    public ValidateOptionsResult Validate(string? name, ConfigBackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || !Path.IsPathFullyQualified(options.Directory))
        {
            failures.Add($"{S}.directory must be an absolute directory path such as /etc/clickhouse-server");
        }
        else if (options.Directory.Any(char.IsControl))
        {
            failures.Add($"{S}.directory must not contain control characters");
        }
        if (options.MaxTotalSize < options.MaxFileSize)
        {
            failures.Add($"{S}.max_total_size must be at least {S}.max_file_size ({options.MaxFileSize})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
