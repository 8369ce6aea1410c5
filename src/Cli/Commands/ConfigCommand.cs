using System.CommandLine;
using System.Text.Json;
using ClickVault.Cluster.Cli.Config;
using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault config ...</c>: configuration files of the coordinator and the agents.</summary>
public sealed class ConfigCommand : Command
{
    public ConfigCommand(CliHost host, GlobalOptionSet globals, CommandRunner runner)
        : base("config", "Check coordinator and agent configuration files, or import ClickVault's (no coordinator needed)")
    {
        Add(new ConfigValidateCommand(host, globals, runner));
        Add(new ConfigImportCommand(host, globals, runner));
    }
}

/// <summary><c>clickvault config validate FILE [--kind coordinator|agent] [--ignore-env]</c>.</summary>
public sealed record ConfigValidateOptions(GlobalOptions Global, ConfigValidationRequest Request) : IVerbOptions;

/// <summary>
/// Runs the start-up check of the coordinator or the agent on a file, offline: every problem by key, exit 0 when
/// valid, 10 when not. Secrets of the file are never printed.
/// </summary>
public sealed class ConfigValidateCommand : VerbCommand<ConfigValidateOptions>
{
    private readonly CliHost host;

    private readonly Argument<string> file = new("file")
    {
        Description = "The config file (.yaml, .yml, .json or .toml)",
    };

    private readonly Option<string?> kind = new("--kind")
    {
        Description = "coordinator or agent (default: from the file's top-level sections)",
        HelpName = "coordinator|agent",
    };

    private readonly Option<bool> ignoreEnvironment = new("--ignore-env")
    {
        Description = "Check the file alone, without the CLICKVAULT_* environment overrides the process would apply",
    };

    public ConfigValidateCommand(CliHost host, GlobalOptionSet globals, CommandRunner runner)
        : base("validate", "Check a config file with the checks the process runs at start-up; exit 10 when invalid", globals, runner)
    {
        this.host = host;
        kind.AcceptOnlyFromAmong("coordinator", "agent");
        Add(file);
        Add(kind);
        Add(ignoreEnvironment);
    }

    public override ConfigValidateOptions Bind(ParseResult result)
    {
        var name = result.GetValue(file);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliUsageException("config validate: the file name is empty");
        }

        ConfigKind? selected = result.GetValue(kind) switch
        {
            "coordinator" => ConfigKind.Coordinator,
            "agent" => ConfigKind.Agent,
            _ => null,
        };
        return new ConfigValidateOptions(Globals.Bind(result), new ConfigValidationRequest(name, selected, !result.GetValue(ignoreEnvironment)));
    }

    public override Task<int> ExecuteAsync(ConfigValidateOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = ConfigFileValidation.Validate(options.Request, host.Environment);
        if (options.Global.Json)
        {
            host.Out.WriteLine(JsonSerializer.Serialize(report, ConfigJson.Default.ConfigValidationReport));
        }
        else if (report.Valid)
        {
            host.Out.WriteLine($"{report.File}: valid {report.Kind} configuration");
        }
        else
        {
            host.Out.WriteLine($"{report.File}: invalid {report.Kind ?? "ClickVault"} configuration, {report.Problems.Count} problem(s):");
            foreach (var problem in report.Problems)
            {
                host.Out.WriteLine("  - " + problem);
            }
        }

        host.Out.Flush();
        return Task.FromResult(report.Valid ? ExitCodes.Ok : ExitCodes.ConfigInvalid);
    }
}
