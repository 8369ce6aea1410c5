using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault cleanup [--dry-run] [--shard N]...</c>.</summary>
public sealed record CleanupOptions(GlobalOptions Global, bool DryRun, IReadOnlyList<ShardId> Shards) : IVerbOptions;

/// <summary>Applies retention (the coordinator's <c>retention</c> settings) to every shard or the given ones.</summary>
public sealed class CleanupCommand : VerbCommand<CleanupOptions>
{
    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "Only show every backup with keep or remove and why; delete nothing",
    };

    private readonly Option<ShardId[]> shards = new(ShardOption.Name)
    {
        Description = "Clean up only this shard; repeat for several (default: every shard)",
        HelpName = "shard",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ShardOption.ParseMany,
    };

    public CleanupCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("cleanup", "Delete the backups retention no longer keeps (per shard chain: incrementals newest first, then the full); " +
            "exits 7 when some objects could not be deleted", globals, runner)
    {
        Add(dryRun);
        Add(shards);
    }

    public override CleanupOptions Bind(ParseResult result) => new(Globals.Bind(result), result.GetValue(dryRun), result.GetValue(shards) ?? []);

    public override async Task<int> ExecuteAsync(CleanupOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var request = new CleanupRequest(options.DryRun, [.. options.Shards.Select(s => s.Value)]);
        var report = await session.Client.Retention.CleanupAsync(request, cancellationToken).ConfigureAwait(false);
        session.Renderer.Cleanup(report);
        return MaintenanceExit.From(session, MaintenanceFailures.Cleanup(report));
    }
}
