using System.Globalization;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickVault.Cluster.Embedded.Demo;

/// <summary>Loads different rows into every shard (the same rows on each replica of a shard) and reports the counts.</summary>
public static class DemoData
{
    public const string Database = "demo";

    /// <param name="pauseMerges">
    /// Stop merges of the table first (until the node restarts): an incremental backup then shows exactly the parts the
    /// insert made, where a merge of old and new parts would make a part the incremental must carry whole.
    /// </param>
    public static async Task SeedAsync(ClusterDescription cluster, int rowsPerShard, bool pauseMerges, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        foreach (var shard in cluster.Shards())
        {
            ulong count = 0;
            foreach (var node in shard)
            {
                var client = new ClickHouseDriverClient(http, new ClickHouseOptions
                {
                    Url = node.Url,
                    User = cluster.User,
                    Password = cluster.Password,
                    Timeout = TimeSpan.FromMinutes(5),
                }, NullLogger<ClickHouseDriverClient>.Instance);
                await client.ExecuteAsync(new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {Database}"), cancellationToken).ConfigureAwait(false);
                await client.ExecuteAsync(new ClickHouseQuery(
                    $"CREATE TABLE IF NOT EXISTS {Database}.events (id UInt64, shard UInt16, at DateTime, kind LowCardinality(String), value Float64) " +
                    "ENGINE = MergeTree ORDER BY (kind, id)"), cancellationToken).ConfigureAwait(false);
                if (pauseMerges)
                {
                    await client.ExecuteAsync(new ClickHouseQuery($"SYSTEM STOP MERGES {Database}.events"), cancellationToken).ConfigureAwait(false);
                }

                await client.ExecuteAsync(new ClickHouseQuery(
                    $"INSERT INTO {Database}.events SELECT (SELECT count() FROM {Database}.events) + number, {{shard:UInt16}}, " +
                    "now() - number, ['view','click','buy'][number % 3 + 1], number * {shard:UInt16} / 7 FROM numbers({rows:UInt64})")
                {
                    Parameters = [QueryParameter.UInt64("shard", (ulong)shard.Key), QueryParameter.UInt64("rows", (ulong)(rowsPerShard * shard.Key))],
                }, cancellationToken).ConfigureAwait(false);
                count = (await client.QueryAsync(new ClickHouseQuery($"SELECT count() AS rows FROM {Database}.events"),
                    DemoJson.Default.RowCount, cancellationToken).ConfigureAwait(false))[0].Rows;
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"shard {shard.Key}: {Database}.events now holds {count} rows on each of {shard.Count()} replicas")).ConfigureAwait(false);
        }
    }
}

public sealed record RowCount([property: JsonPropertyName("rows")] ulong Rows);

[JsonSerializable(typeof(RowCount))]
internal sealed partial class DemoJson : JsonSerializerContext;
