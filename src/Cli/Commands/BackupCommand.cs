using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault backup [--full] [--shard N]... [--wait]</c>.</summary>
public sealed record BackupOptions(GlobalOptions Global, bool Full, IReadOnlyList<ShardId> Shards, bool Wait) : IVerbOptions;

/// <summary>Starts a cluster run; with <c>--wait</c> follows it to the end and exits 1 when a shard failed.</summary>
public sealed class BackupCommand : VerbCommand<BackupOptions>
{
    private readonly Option<bool> full = new("--full")
    {
        Description = "Force a full backup of every shard in the run (default: the coordinator decides per shard)",
    };

    private readonly Option<ShardId[]> shards = new(ShardOption.Name)
    {
        Description = "Back up only this shard; repeat for several (default: every shard)",
        HelpName = "shard",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ShardOption.ParseMany,
    };

    private readonly Option<bool> wait = new("--wait")
    {
        Description = "Follow the run to its end with live per-shard progress, then print a summary",
    };

    public BackupCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("backup", "Start a backup run of the cluster (one backup per shard)", globals, runner)
    {
        Add(full);
        Add(shards);
        Add(wait);
    }

    public override BackupOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(full), result.GetValue(shards) ?? [], result.GetValue(wait));

    public override async Task<int> ExecuteAsync(BackupOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var request = new StartRunRequest(options.Full, [.. options.Shards.Select(shard => shard.Value)]);
        var started = await session.Client.StartRunAsync(request, cancellationToken).ConfigureAwait(false);
        if (!options.Wait)
        {
            session.Renderer.RunStarted(started);
            return ExitCodes.Ok;
        }

        var finished = await session.FollowRunAsync(started, cancellationToken).ConfigureAwait(false);
        if (ExitCodeMapper.MapFinishedRun(finished) is { } failure)
        {
            session.Explain(failure);
            return failure.ExitCode;
        }

        return ExitCodes.Ok;
    }
}
