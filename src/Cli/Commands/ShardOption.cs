using System.CommandLine.Parsing;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>Parses <c>--shard</c> values into <see cref="ShardId"/>, naming the option in every error.</summary>
public static class ShardOption
{
    public const string Name = "--shard";

    public static ShardId[] ParseMany(ArgumentResult result)
    {
        var shards = new List<ShardId>();
        foreach (var token in result.Tokens)
        {
            if (TryParse(token.Value, result) is { } shard && !shards.Contains(shard))
            {
                shards.Add(shard);
            }
        }

        return [.. shards];
    }

    public static ShardId? ParseOne(ArgumentResult result) =>
        result.Tokens.Count == 1 ? TryParse(result.Tokens[0].Value, result) : null;

    private static ShardId? TryParse(string text, ArgumentResult result)
    {
        try
        {
            return new ShardId(text);
        }
        catch (ArgumentException ex)
        {
            result.AddError($"{Name}: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
    }
}
