using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Import;
using ClickVault.Cluster.Cli.Rendering;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault config import FILE.toml [--out-dir DIR] [--force] [--cluster NAME]</c>.</summary>
public sealed record ConfigImportOptions(GlobalOptions Global, ConfigImportRequest Request) : IVerbOptions;

/// <summary>
/// Turns a ClickVault (single-server) <c>config.toml</c> into a coordinator and an agent configuration, offline: exit 0
/// when both generated files pass <c>config validate</c>, 10 when one does not or the TOML is malformed.
/// </summary>
public sealed class ConfigImportCommand : VerbCommand<ConfigImportOptions>
{
    private readonly CliHost host;

    private readonly Argument<string> file = new("file")
    {
        Description = "ClickVault's config.toml",
    };

    private readonly Option<string?> outDir = new("--out-dir")
    {
        Description = "Where to write coordinator.yaml, coordinator.env, agent.yaml and agent.env (default: the current directory)",
        HelpName = "dir",
    };

    private readonly Option<bool> force = new("--force")
    {
        Description = "Overwrite those files when they exist",
    };

    private readonly Option<string> cluster = new("--cluster")
    {
        Description = "The ClickHouse cluster name for coordinator.cluster and agent.cluster (ClickVault names none)",
        HelpName = "name",
        DefaultValueFactory = _ => "main",
    };

    public ConfigImportCommand(CliHost host, GlobalOptionSet globals, CommandRunner runner)
        : base("import", "Write coordinator and agent configs from a ClickVault config.toml (secrets to .env files); " +
            "exit 10 when the TOML is malformed or a generated file fails validate", globals, runner)
    {
        this.host = host;
        Add(file);
        Add(outDir);
        Add(force);
        Add(cluster);
    }

    public override ConfigImportOptions Bind(ParseResult result)
    {
        var name = result.GetValue(file);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliUsageException("config import: the file name is empty");
        }

        var clusterName = result.GetValue(cluster) ?? "main";
        try
        {
            _ = new ClusterName(clusterName);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--cluster: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        var directory = result.GetValue(outDir) is { Length: > 0 } dir ? dir : Environment.CurrentDirectory;
        return new ConfigImportOptions(Globals.Bind(result), new ConfigImportRequest(name, directory, clusterName, result.GetValue(force)));
    }

    public override async Task<int> ExecuteAsync(ConfigImportOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = await ConfigImport.RunAsync(options.Request, host.Environment, cancellationToken).ConfigureAwait(false);
        new ConfigImportOutput(host, options.Global.Json).Imported(result);
        return result.Report.Valid ? ExitCodes.Ok : ExitCodes.ConfigInvalid;
    }
}
