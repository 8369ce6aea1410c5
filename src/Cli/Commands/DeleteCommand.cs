using System.CommandLine;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault delete RUN [--shard N] [--cascade]</c>.</summary>
public sealed record DeleteOptions(GlobalOptions Global, RunId Run, ShardId? Shard, bool Cascade) : IVerbOptions;

/// <summary>Deletes one run's backups; refused (exit 5) while a backup that stays builds on one, unless --cascade.</summary>
public sealed class DeleteCommand : VerbCommand<DeleteOptions>
{
    private readonly Argument<RunId> run = new("RUN")
    {
        Description = "The run whose backups to delete (YYYYMMDDTHHMMSSZ)",
        CustomParser = ParseRun,
    };

    private readonly Option<ShardId?> shard = new(ShardOption.Name)
    {
        Description = "Delete only this shard's backup of the run (default: every shard)",
        HelpName = "shard",
        CustomParser = ShardOption.ParseOne,
    };

    private readonly Option<bool> cascade = new("--cascade")
    {
        Description = "Also delete every backup that builds on it (newest first)",
    };

    public DeleteCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("delete", "Delete a run's backups; refused (exit 5) when other backups build on them (use --cascade) or an operation in progress uses them; " +
            "exit 6 when the run has no backup", globals, runner)
    {
        Add(run);
        Add(shard);
        Add(cascade);
    }

    public override DeleteOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(run), result.GetValue(shard), result.GetValue(cascade));

    public override async Task<int> ExecuteAsync(DeleteOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var report = await session.Client.Retention.DeleteRunAsync(options.Run, options.Shard, options.Cascade, cancellationToken).ConfigureAwait(false);
        session.Renderer.RunDeleted(report);
        return MaintenanceExit.From(session, MaintenanceFailures.RunDeleted(report));
    }

    private static RunId ParseRun(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (!RunId.TryParse(text, out var id))
        {
            result.AddError($"RUN: '{text}' is not a run id; expected the run's UTC start as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z");
        }
        return id;
    }
}
