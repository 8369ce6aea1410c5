using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Integration.Tests.ClusterRuns;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.ClickHouse;
using Xunit;

namespace ClickVault.Cluster.Integration.Tests.Restores;

/// <summary>What the coordinator answered a restore request: the restore (or plan), or the API error with its status.</summary>
internal sealed record RestoreAnswer(int Status, RestoreView? Restore, ApiError? Error)
{
    public RestoreView View => Restore ?? throw new InvalidOperationException($"HTTP {Status}: {Error?.Code} {Error?.Message}");
}

/// <summary>The figures of one table on one node, to compare a restore with its source.</summary>
internal sealed record TableSnapshot(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("checksum")] ulong Checksum);

/// <summary>Restore helpers over a <see cref="ClusterScenario"/>: the restore API, and per-table figures of a database.</summary>
internal static class RestoreScenario
{
    public static async Task<RestoreAnswer> RestoreAsync(this ClusterScenario scenario, StartRestoreRequest request)
    {
        using var response = await scenario.Coordinator.Api.PostAsJsonAsync(RestoreRoutes.Restores.TrimStart('/'), request, RestoreApiJson.Default.StartRestoreRequest);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? new RestoreAnswer((int)response.StatusCode, JsonSerializer.Deserialize(body, RestoreApiJson.Default.RestoreView), null)
            : new RestoreAnswer((int)response.StatusCode, null, JsonSerializer.Deserialize(body, ApiJson.Default.ApiError));
    }

    /// <summary>Starts a restore, follows its event stream to the end and returns the finished restore and its events.</summary>
    public static async Task<(RestoreView Restore, IReadOnlyList<RunEvent> Events)> RestoreAndWaitAsync(this ClusterScenario scenario, StartRestoreRequest request)
    {
        var started = (await scenario.RestoreAsync(request)).View;
        var (events, end) = await scenario.EventsAsync(RestoreRoutes.RestoreEventsPath(started.RestoreId));
        return (JsonSerializer.Deserialize(end ?? throw new InvalidOperationException($"restore {started.RestoreId}'s events ended without an end event"),
            RestoreApiJson.Default.RestoreView)!, events);
    }

    /// <summary>A run's or restore's event stream read to its end: the events, and the data of its end event.</summary>
    public static async Task<(IReadOnlyList<RunEvent> Events, string? End)> EventsAsync(this ClusterScenario scenario, string path)
    {
        var body = await scenario.Coordinator.Api.GetStringAsync(path.TrimStart('/'));
        var events = new List<RunEvent>();
        string? name = null;
        string? end = null;
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "run")
            {
                events.Add(JsonSerializer.Deserialize(line[6..], ApiJson.Default.RunEvent)!);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "end")
            {
                end = line[6..];
            }
        }

        return (events, end);
    }

    /// <summary>Every table of <paramref name="database"/> on <paramref name="node"/> with rows and checksum, by name.</summary>
    public static async Task<IReadOnlyList<TableSnapshot>> TablesAsync(this ClusterScenario scenario, NodeDescription node, string database)
    {
        var client = scenario.Client(node);
        var names = await client.QueryAsync(new ClickHouseQuery("SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name")
        {
            Parameters = [QueryParameter.String("db", database)],
        }, RestoreJson.Default.TableName, default);
        var tables = new List<TableSnapshot>();
        foreach (var table in names)
        {
            tables.Add(Assert.Single(await client.QueryAsync(new ClickHouseQuery(
                $"SELECT {{name:String}} AS name, count() AS rows, sum(cityHash64(tuple(*))) AS checksum FROM `{database}`.`{table.Name}`")
            {
                Parameters = [QueryParameter.String("name", table.Name)],
            }, RestoreJson.Default.TableSnapshot, default)));
        }

        return tables;
    }

    /// <summary>Adds tables <c>customers</c> and <c>events_daily</c> beside the scenario's <c>events</c> on every node.</summary>
    public static async Task CreateMoreTablesAsync(this ClusterScenario scenario)
    {
        foreach (var node in scenario.Cluster.Nodes)
        {
            var client = scenario.Client(node);
            await client.ExecuteAsync(new ClickHouseQuery(
                $"CREATE TABLE {scenario.Database}.customers (id UInt64, name String, note Nullable(String)) ENGINE = MergeTree ORDER BY id"), default);
            await client.ExecuteAsync(new ClickHouseQuery(
                $"INSERT INTO {scenario.Database}.customers SELECT number, concat('c-{node.Shard}-', toString(number)), if(number % 3 = 0, NULL, 'x') FROM numbers(250)"), default);
            await client.ExecuteAsync(new ClickHouseQuery(
                $"CREATE TABLE {scenario.Database}.events_daily (day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY day"), default);
            await client.ExecuteAsync(new ClickHouseQuery(
                $"INSERT INTO {scenario.Database}.events_daily SELECT toDate('2026-01-01') + number, number * {node.Shard} FROM numbers(30)"), default);
        }
    }

    public static Task ExecuteAsync(this ClusterScenario scenario, NodeDescription node, string sql) =>
        scenario.Client(node).ExecuteAsync(new ClickHouseQuery(sql), default);

    public static async Task ExecuteAllAsync(this ClusterScenario scenario, string sql)
    {
        foreach (var node in scenario.Cluster.Nodes)
        {
            await scenario.ExecuteAsync(node, sql);
        }
    }

    /// <summary>How many operations with this id the node's system.backups lists (a RESTORE shows up there too).</summary>
    public static Task<int> OperationsAsync(this ClusterScenario scenario, NodeDescription node, string idPrefix) =>
        scenario.CountOperationsAsync(node, idPrefix, "");

    /// <summary>Waits until no RESTORE whose id starts with <paramref name="idPrefix"/> still runs on any node.</summary>
    public static async Task WaitForRestoresToEndAsync(this ClusterScenario scenario, string idPrefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var node in scenario.Cluster.Nodes)
        {
            while (await scenario.CountOperationsAsync(node, idPrefix, " AND status = 'RESTORING'") > 0)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    private static async Task<int> CountOperationsAsync(this ClusterScenario scenario, NodeDescription node, string idPrefix, string condition)
    {
        var rows = await scenario.Client(node).QueryAsync(new ClickHouseQuery($"SELECT count() AS n FROM system.backups WHERE startsWith(id, {{p:String}}){condition}")
        {
            Parameters = [QueryParameter.String("p", idPrefix)],
        }, RestoreJson.Default.OperationCount, default);
        return (int)rows[0].N;
    }
}

internal sealed record TableNameRow([property: JsonPropertyName("name")] string Name);

internal sealed record OperationCountRow([property: JsonPropertyName("n")] ulong N);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TableNameRow), TypeInfoPropertyName = "TableName")]
[JsonSerializable(typeof(TableSnapshot))]
[JsonSerializable(typeof(OperationCountRow), TypeInfoPropertyName = "OperationCount")]
internal sealed partial class RestoreJson : JsonSerializerContext;
