using System.Diagnostics.CodeAnalysis;
using System.CommandLine.Parsing;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Which run a verb is about: a run id, or "latest" (the active run, else the newest).</summary>
public sealed record RunTarget(RunId? Id)
{
    public const string LatestText = "latest";

    public static RunTarget Latest { get; } = new((RunId?)null);

    /// <summary>What the API takes in the route: the run id or "latest".</summary>
    public string Text => Id?.Value ?? LatestText;

    public override string ToString() => Text;

    public static bool TryParse(string text, [NotNullWhen(true)] out RunTarget? target)
    {
        if (text == LatestText)
        {
            target = Latest;
            return true;
        }

        target = RunId.TryParse(text, out var id) ? new RunTarget(id) : null;
        return target is not null;
    }

    /// <summary>A System.CommandLine parser for an option or argument named <paramref name="name"/>.</summary>
    public static RunTarget? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var target))
        {
            return target;
        }

        result.AddError($"{name}: '{text}' is not a run; use the run id (its UTC start as YYYYMMDDTHHMMSSZ, e.g. 20260101T020000Z) or 'latest'");
        return null;
    }
}
