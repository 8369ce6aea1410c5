using System.CommandLine;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Cli.Client;
using ClickVault.Cluster.Cli.Errors;
using ClickVault.Cluster.Shared.Durations;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>
/// <c>--coordinator</c>, <c>--token</c>, <c>--json</c>, <c>--timeout</c>: recursive options of the root command, with
/// their environment defaults. The token has no default-value factory on purpose: help prints defaults, and the
/// token must never be printed.
/// </summary>
public sealed class GlobalOptionSet
{
    public const string CoordinatorVariable = "CLICKVAULT_COORDINATOR_URL";
    public const string TokenVariable = "CLICKVAULT_OPERATOR_TOKEN";
    public const string DefaultCoordinator = "http://127.0.0.1:7480";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly CliHost host;

    public GlobalOptionSet(CliHost host)
    {
        this.host = host;
        Coordinator = new Option<Uri?>("--coordinator")
        {
            Description = $"Coordinator URL [env: {CoordinatorVariable}; default: {DefaultCoordinator}]",
            HelpName = "url",
            Recursive = true,
            CustomParser = ParseCoordinator,
        };
        Token = new Option<string?>("--token")
        {
            Description = $"Operator bearer token [env: {TokenVariable}; prefer the variable: arguments show up in process lists]",
            HelpName = "token",
            Recursive = true,
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print JSON for scripts (one document; JSON lines when following a run)",
            Recursive = true,
        };
        Timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Per-request timeout: seconds, or numbers with a unit ms, s, m, h (500ms, 2m, 1h30m; default: 30s, at most 24h)",
            HelpName = "duration",
            Recursive = true,
            CustomParser = DurationArgument.Parser("--timeout", DurationSyntax.Wait),
        };
    }

    public Option<Uri?> Coordinator { get; }

    public Option<string?> Token { get; }

    public Option<bool> Json { get; }

    public Option<TimeSpan?> Timeout { get; }

    public IEnumerable<Option> All => [Coordinator, Token, Json, Timeout];

    /// <summary>Resolves the global options; an invalid environment default throws <see cref="CliUsageException"/>.</summary>
    public GlobalOptions Bind(ParseResult result)
    {
        var coordinator = result.GetValue(Coordinator) ?? CoordinatorFromEnvironment();
        var token = ResolveToken(result);
        return new GlobalOptions(
            coordinator,
            token is null ? null : new OperatorToken(token),
            result.GetValue(Timeout) ?? DefaultTimeout,
            result.GetValue(Json));
    }

    /// <summary>The token from <c>--token</c>, else from the environment; null when neither gives one.</summary>
    private string? ResolveToken(ParseResult result)
    {
        if (result.GetResult(Token) is { Implicit: false } given)
        {
            var value = given.GetValueOrDefault<string?>();
            return string.IsNullOrWhiteSpace(value)
                ? throw new CliUsageException($"--token: the value is empty; pass the operator token or set {TokenVariable}")
                : value;
        }

        return host.Variable(TokenVariable);
    }

    /// <summary>The token text to redact from output; never throws, so it also works on a failed parse.</summary>
    public string? TokenForRedaction(ParseResult result) =>
        result.GetResult(Token)?.Tokens.FirstOrDefault()?.Value is { } given && !string.IsNullOrWhiteSpace(given)
            ? given
            : host.Variable(TokenVariable);

    /// <summary>Whether <c>--json</c> was given, readable even when parsing failed.</summary>
    public bool WantsJson(ParseResult result) => result.GetResult(Json) is { } json && !json.Errors.Any() && json.GetValueOrDefault<bool>();

    private Uri CoordinatorFromEnvironment()
    {
        var text = host.Variable(CoordinatorVariable);
        if (text is null)
        {
            return new Uri(DefaultCoordinator);
        }

        return CoordinatorUri.TryParse(text, out var uri, out var problem)
            ? uri
            : throw new CliUsageException($"{CoordinatorVariable}: {problem}");
    }

    private static Uri? ParseCoordinator(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (CoordinatorUri.TryParse(text, out var uri, out var problem))
        {
            return uri;
        }

        result.AddError($"--coordinator: {problem}");
        return null;
    }
}
