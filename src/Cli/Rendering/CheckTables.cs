using ClickVault.Cluster.Shared.Api;
using Spectre.Console;
using static ClickVault.Cluster.Cli.Rendering.RunTables;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary><c>check</c> for people: one row per shard with its newest good backup and that backup's age.</summary>
public static class CheckTables
{
    public static string Headline(CheckView check) =>
        check.Ok
            ? $"OK: every shard of cluster {check.Cluster} has a good backup younger than {MaxAge(check)}"
            : $"NOT OK: cluster {check.Cluster} has shards without a good backup younger than {MaxAge(check)}";

    public static string MaxAge(CheckView check) => DisplayFormat.Duration(TimeSpan.FromSeconds(check.MaxAgeSeconds));

    /// <summary>shard, ok, newest backup, kind, age, agent, detail.</summary>
    public static Table Shards(CheckView check)
    {
        var table = new Table().AddColumns("Shard", "OK", "Newest good backup", "Kind", "Age", "Agent", "Detail");
        RightAlign(table, 4);
        foreach (var shard in check.Shards.OrderBy(s => s.Shard, ShardOrder.Instance))
        {
            table.AddRow(
                Cell(shard.Shard),
                new Text(shard.Ok ? "yes" : "NO", shard.Ok ? new Style(Color.Green) : new Style(Color.Red)),
                Cell(shard.NewestRunId),
                Cell(shard.Kind),
                Cell(Age(shard)),
                Cell(shard.AgentConnected ? "connected" : "not connected"),
                Cell(shard.Detail));
        }

        return table;
    }

    public static string? Age(ShardCheckView shard) =>
        shard.AgeSeconds is { } seconds ? DisplayFormat.Duration(TimeSpan.FromSeconds(seconds)) : null;
}
