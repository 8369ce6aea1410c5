using ClickVault.Cluster.Shared.ClickHouse;

namespace ClickVault.Cluster.Agent.Tests;

/// <summary>The database the agent tests back up on the embedded node: a few MergeTree parts, small enough for s3rver.</summary>
internal static class AgentTestDatabase
{
    public const string Name = "agent_tests";

    public static async Task EnsureAsync(IClickHouseClient client, CancellationToken cancellationToken)
    {
        await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {Name}"), cancellationToken);
        await client.ExecuteAsync(new ClickHouseQuery(
            $"CREATE TABLE IF NOT EXISTS {Name}.events (id UInt64, kind LowCardinality(String), payload String) ENGINE = MergeTree ORDER BY id"),
            cancellationToken);
        var rows = await client.QueryAsync(new ClickHouseQuery($"SELECT count() AS n FROM {Name}.events"), CountJson.Default.CountRow, cancellationToken);
        if (rows[0].N == 0)
        {
            for (var part = 0; part < 4; part++)
            {
                await client.ExecuteAsync(new ClickHouseQuery(
                    $"INSERT INTO {Name}.events SELECT number + {part * 100_000}, ['a', 'b', 'c'][number % 3 + 1], toString(cityHash64(number)) FROM numbers(100000)"),
                    cancellationToken);
            }
        }
    }
}

internal sealed record CountRow([property: System.Text.Json.Serialization.JsonPropertyName("n")] ulong N);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CountRow))]
internal sealed partial class CountJson : System.Text.Json.Serialization.JsonSerializerContext;
