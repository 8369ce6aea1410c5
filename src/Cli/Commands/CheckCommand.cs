using System.CommandLine;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Durations;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary><c>clickvault check --max-age DURATION</c>.</summary>
public sealed record CheckOptions(GlobalOptions Global, TimeSpan MaxAge) : IVerbOptions;

/// <summary>
/// For monitoring: exit 0 when every shard's newest good backup is younger than <c>--max-age</c>, else exit 8 naming every
/// shard that is older or has none.
/// </summary>
public sealed class CheckCommand : VerbCommand<CheckOptions>
{
    private const string MaxAgeName = "--max-age";

    private readonly Option<TimeSpan?> maxAge = new(MaxAgeName)
    {
        Description = "The oldest a shard's newest good backup may be, e.g. 26h, 7d, 90m, 1d12h (units s, m, h, d, w)",
        HelpName = "duration",
        Required = true,
        CustomParser = DurationArgument.Parser(MaxAgeName, DurationSyntax.Age),
    };

    public CheckCommand(GlobalOptionSet globals, CommandRunner runner)
        : base("check", $"Check that every shard has a good backup younger than {MaxAgeName} (exit {ExitCodes.StaleBackups} if not)", globals, runner)
    {
        Add(maxAge);
    }

    public override CheckOptions Bind(ParseResult result) =>
        new(Globals.Bind(result), result.GetValue(maxAge) ?? throw new CliUsageException($"{MaxAgeName}: missing; e.g. {MaxAgeName} 26h"));

    public override async Task<int> ExecuteAsync(CheckOptions options, CommandSession session, CancellationToken cancellationToken)
    {
        var check = await session.Operations.CheckAsync(options.MaxAge, cancellationToken).ConfigureAwait(false);
        session.OperationsRenderer.Check(check);
        if (ExitCodeMapper.MapCheck(check) is { } failure)
        {
            session.Explain(failure);
            return failure.ExitCode;
        }

        return ExitCodes.Ok;
    }
}
