using System.CommandLine;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Cli.Rendering;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault verify RUN|latest [--shard N] [--content]</c>.</summary>
public sealed record VerifyOptions(GlobalOptions Global, string Run, ShardId? Shard, bool Content = false) : IVerbOptions
{
    public StartVerifyRequest ToRequest() => new(Run, Shard?.Value, Content);
}

/// <summary>
/// Restores a run's backups into scratch databases on one replica per shard, compares every table with the figures the
/// backup recorded, drops the scratch databases: exit 0 when every shard passed, 9 when one failed, 6 for an unknown run.
/// </summary>
public sealed class VerifyCommand : VerbCommand<VerifyOptions>
{
    private readonly CliHost host;

    private readonly Argument<string> run = new("run")
    {
        Description = "The run to verify (YYYYMMDDTHHMMSSZ), or 'latest'; per shard its backup, or the newest successful one before it",
        CustomParser = RestoreCommand.ParseRun,
    };

    private readonly Option<ShardId?> shard = new(ShardOption.Name)
    {
        Description = "Verify only this shard (default: every shard)",
        HelpName = "shard",
        CustomParser = ShardOption.ParseOne,
    };

    private readonly Option<bool> content = new("--content")
    {
        Description = "Also read every row of the scratch copy (count and checksum; reads the whole restored data, never the source replica)",
    };

    public VerifyCommand(GlobalOptionSet globals, CommandRunner runner, CliHost host)
        : base("verify", "Restore a run's backups into scratch databases and compare every table with what the backup recorded", globals, runner)
    {
        this.host = host;
        Add(run);
        Add(shard);
        Add(content);
    }

    public override VerifyOptions Bind(ParseResult result) => new(Globals.Bind(result), result.GetValue(run)!, result.GetValue(shard), result.GetValue(content));

    public override async Task<int> ExecuteAsync(VerifyOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var report = await new VerifyClient(session.Client).VerifyAsync(options.ToRequest(), cancellationToken).ConfigureAwait(false);
        new VerifyOutput(host, options.Global.Json).Report(report);
        if (report.Passed)
        {
            return ExitCodes.Ok;
        }

        var failed = report.Shards.Where(s => !s.Passed).Select(s => s.Shard).ToList();
        session.Explain(new CliFailure(ExitCodes.VerifyFailed, "verify_failed",
            $"verification {report.VerificationId} failed: {failed.Count} of {report.Shards.Count} shard(s) differ from what their backup recorded or could not be restored: {string.Join(", ", failed)}"));
        return ExitCodes.VerifyFailed;
    }
}
