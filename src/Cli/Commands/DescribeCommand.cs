using System.CommandLine;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// <c>clickvault describe RUN [--shard N]</c> or <c>clickvault describe RUN-SHARD</c>: a run (every shard), or one
/// shard's backup. <see cref="Shard"/> null describes the whole run.
/// </summary>
public sealed record DescribeOptions(GlobalOptions Global, RunTarget Run, ShardId? Shard) : IVerbOptions;

/// <summary>What the <c>describe</c> argument names: a run, or one shard's backup of it (from a backup id).</summary>
public sealed record DescribeTarget(RunTarget Run, ShardId? Shard);

/// <summary>Shows a run or one backup: chain, base, replica, kind, sizes, files, ClickHouse version, times, prefix, errors.</summary>
public sealed class DescribeCommand : VerbCommand<DescribeOptions>
{
    private const string TargetName = "run|backup";

    private readonly Argument<DescribeTarget?> target = new(TargetName)
    {
        Description = "A run: its id (YYYYMMDDTHHMMSSZ) or 'latest'. One shard's backup: its id {run}-{shard} " +
            "(the ClickHouse backup id, e.g. 20260101T020000Z-1, or 20260101T020000Z.a2-1 for a retry), or the run with --shard",
        CustomParser = ParseTarget,
    };

    private readonly Option<ShardId?> shard = new(ShardOption.Name)
    {
        Description = "Describe only this shard's backup of the run",
        HelpName = "shard",
        CustomParser = ShardOption.ParseOne,
    };

    public DescribeCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("describe", "Describe a run (every shard) or one shard's backup, with its chain", globals, runner)
    {
        Add(target);
        Add(shard);
    }

    public override DescribeOptions Bind(ParseResult result)
    {
        var parsed = result.GetValue(target) ?? throw new CliUsageException($"{TargetName}: missing; pass a run id, 'latest' or a backup id");
        var option = result.GetValue(shard);
        if (parsed.Shard is { } fromId && option is { } fromOption && fromId != fromOption)
        {
            throw new CliUsageException(
                $"{ShardOption.Name} {fromOption} contradicts backup id {parsed.Run}-{fromId}; pass either the backup id or the run with {ShardOption.Name}");
        }

        return new DescribeOptions(Globals.Bind(result), parsed.Run, parsed.Shard ?? option);
    }

    public override async Task<int> ExecuteAsync(DescribeOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        if (options.Shard is { } one)
        {
            var backup = await session.Operations.DescribeBackupAsync(options.Run.Text, one.Value, cancellationToken).ConfigureAwait(false);
            session.OperationsRenderer.BackupDescription(backup);
            return ExitCodes.Ok;
        }

        var run = await session.Operations.DescribeRunAsync(options.Run.Text, cancellationToken).ConfigureAwait(false);
        session.OperationsRenderer.RunDescription(run);
        return ExitCodes.Ok;
    }

    /// <summary>A run id, 'latest', or a backup id {run}[.a{n}]-{shard} (any attempt names the shard's backup of the run).</summary>
    private static DescribeTarget? ParseTarget(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (RunTarget.TryParse(text, out var run))
        {
            return new DescribeTarget(run, null);
        }

        if (OperationId.TryParseBackup(text, out var attempt, out var shard))
        {
            return new DescribeTarget(new RunTarget(attempt.Run), shard);
        }

        result.AddError(
            $"{TargetName}: '{text}' is neither a run (YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z, or 'latest') " +
            "nor a backup id ({run}-{shard}, e.g. 20260101T020000Z-1)");
        return null;
    }
}
