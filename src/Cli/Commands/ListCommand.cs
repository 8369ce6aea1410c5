using System.CommandLine;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Rendering;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault list [--shard N] [--kind full|incremental] [--run ID]</c>.</summary>
public sealed record ListOptions(GlobalOptions Global, BackupFilter Filter) : IVerbOptions;

/// <summary>Lists the backups in the shard catalogs, sorted by shard then run.</summary>
public sealed class ListCommand : VerbCommand<ListOptions>
{
    private readonly Option<ShardId?> shard = new(ShardOption.Name)
    {
        Description = "Only backups of this shard",
        HelpName = "shard",
        CustomParser = ShardOption.ParseOne,
    };

    private readonly Option<BackupKind?> kind = new("--kind")
    {
        Description = "Only full or only incremental backups",
        HelpName = "full|incremental",
        CustomParser = ParseKind,
    };

    private readonly Option<RunId?> run = new("--run")
    {
        Description = "Only backups of this run (YYYYMMDDTHHMMSSZ)",
        HelpName = "run-id",
        CustomParser = ParseRun,
    };

    public ListCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("list", "List the backups in the catalog, by shard and run", globals, runner)
    {
        Add(shard);
        Add(kind);
        Add(run);
    }

    public override ListOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), new BackupFilter(result.GetValue(shard), result.GetValue(kind), result.GetValue(run)));

    public override async Task<int> ExecuteAsync(ListOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var backups = await session.Client.GetBackupsAsync(options.Filter, cancellationToken).ConfigureAwait(false);
        session.Renderer.Backups(BackupOrder.Sort(backups));
        return ExitCodes.Ok;
    }

    private static BackupKind? ParseKind(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        switch (text)
        {
            case "full":
                return BackupKind.Full;
            case "incremental":
                return BackupKind.Incremental;
            default:
                result.AddError($"--kind: '{text}' is not a backup kind; allowed values: full, incremental");
                return null;
        }
    }

    private static RunId? ParseRun(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (RunId.TryParse(text, out var id))
        {
            return id;
        }

        result.AddError($"--run: '{text}' is not a run id; expected the run's UTC start as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z");
        return null;
    }
}
