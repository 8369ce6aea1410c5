using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Durations;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault clean-broken [--older-than DURATION] [--dry-run]</c>.</summary>
public sealed record CleanBrokenOptions(GlobalOptions Global, TimeSpan OlderThan, bool DryRun) : IVerbOptions;

/// <summary>Deletes backup folders without a sidecar (unfinished or half-deleted backups) older than an age.</summary>
public sealed class CleanBrokenCommand : VerbCommand<CleanBrokenOptions>
{
    private readonly Option<TimeSpan?> olderThan = new("--older-than")
    {
        Description = "Only folders whose newest object is older than this (30m, 12h, 7d, 1d12h; default 24h)",
        HelpName = "duration",
        CustomParser = DurationArgument.Parser("--older-than", DurationSyntax.Age),
    };

    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "Only list the broken folders with object count, size, age and what would happen; delete nothing",
    };

    public CleanBrokenCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("clean-broken", "Delete backup folders without a sidecar (unfinished, failed or half-deleted backups) that no operation uses", globals, runner)
    {
        Add(olderThan);
        Add(dryRun);
    }

    public override CleanBrokenOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(olderThan) ?? RetentionRoutes.DefaultBrokenAge, result.GetValue(dryRun));

    public override async Task<int> ExecuteAsync(CleanBrokenOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var request = new CleanBrokenRequest((long)options.OlderThan.TotalSeconds, options.DryRun);
        var report = await session.Client.Retention.CleanBrokenAsync(request, cancellationToken).ConfigureAwait(false);
        session.Renderer.CleanBroken(report);
        return MaintenanceExit.From(session, MaintenanceFailures.CleanBroken(report));
    }
}
