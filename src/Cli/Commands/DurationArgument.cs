using System.CommandLine.Parsing;
using ClickVault.Cluster.Shared.Durations;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Parses a duration option's value with the shared <see cref="DurationText"/>; the error names the option.</summary>
internal static class DurationArgument
{
    public static Func<ArgumentResult, TimeSpan?> Parser(string option, DurationSyntax syntax) => result =>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (DurationText.TryParse(text, syntax, out var value, out var problem))
        {
            return value;
        }

        result.AddError($"{option}: {problem}");
        return null;
    };
}
