using System.Text.Json.Serialization;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Agent.Tables;

/// <summary>
/// <see cref="ILocalTables"/> on the local ClickHouse: tables from <c>system.tables</c> (names bound as parameters), counts
/// and checksums per table with the name quoted by <see cref="SqlIdentifier"/>. The checksum is
/// <c>sum(cityHash64(tuple(*)))</c>: unlike <c>cityHash64(*)</c> it also hashes rows holding a NULL. When a table cannot be
/// summed it is counted alone and the note says why; when it cannot be counted either, its rows stay unknown.
/// </summary>
public sealed partial class ClickHouseLocalTables(IClickHouseClient client) : ILocalTables
{
    public async Task<IReadOnlyList<TableFigures>> InspectAsync(IReadOnlyList<string> databases, bool checksums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var rows = await TablesOfAsync(databases, cancellationToken).ConfigureAwait(false);
        var figures = new List<TableFigures>(rows.Count);
        foreach (var row in rows)
        {
            figures.Add(TableEngines.HoldsData(row.Engine)
                ? await MeasureAsync(row, checksums, cancellationToken).ConfigureAwait(false)
                : new TableFigures(row.Database, row.Name, row.Engine, null, null, TableEngines.NotMeasured(row.Engine)));
        }

        return figures;
    }

    public async Task<IReadOnlyList<string>> DatabasesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var rows = await client.QueryAsync(new ClickHouseQuery("SELECT name FROM system.databases WHERE startsWith(name, {prefix:String}) ORDER BY name")
        {
            Parameters = [QueryParameter.String("prefix", prefix)],
        }, TablesJson.Default.DatabaseRow, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.Name)];
    }

    public async Task<DropResult> DropAsync(IReadOnlyList<TableRef> tables, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(databases);
        var tableNames = tables.Select((t, i) => (Ref: t, Name: Name(t, $"tables[{i}]"))).ToList();
        var databaseNames = databases.Select((d, i) => SqlIdentifier.Create(d, $"databases[{i}]")).ToList();
        var droppedTables = new List<TableRef>();
        var droppedDatabases = new List<string>();
        try
        {
            // Not SYNC: in the embedded engine DROP ... SYNC hangs on a table an async BACKUP read (BRIEF 5). Without it the
            // table is gone at once and its data is removed in the background; a restore recreates it under a new UUID.
            foreach (var (table, name) in tableNames)
            {
                await client.ExecuteAsync(new ClickHouseQuery($"DROP TABLE IF EXISTS {name.Quote()}"), cancellationToken).ConfigureAwait(false);
                droppedTables.Add(table);
            }

            foreach (var database in databaseNames)
            {
                await client.ExecuteAsync(new ClickHouseQuery($"DROP DATABASE IF EXISTS {database.Quote()}"), cancellationToken).ConfigureAwait(false);
                droppedDatabases.Add(database.Value);
            }
        }
        catch (ClickHouseException e)
        {
            return new DropResult(droppedTables, droppedDatabases, e is ClickHouseServerException s ? OperationReports.Summary(s.ServerMessage) : e.Message);
        }

        return new DropResult(droppedTables, droppedDatabases, null);
    }

    private async Task<IReadOnlyList<SystemTableRow>> TablesOfAsync(IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var names = databases.Select((d, i) => SqlIdentifier.Create(d, $"databases[{i}]").Value).ToList();
        return await client.QueryAsync(new ClickHouseQuery(
            "SELECT database, name, engine, total_rows FROM system.tables " +
            "WHERE database IN {databases:Array(String)} AND NOT is_temporary ORDER BY database, name")
        {
            Parameters = [QueryParameter.Array("databases", names)],
        }, TablesJson.Default.SystemTableRow, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableFigures> MeasureAsync(SystemTableRow row, bool checksums, CancellationToken cancellationToken)
    {
        var name = new TableName(SqlIdentifier.Create(row.Database), SqlIdentifier.Create(row.Name)).Quote();
        var note = (string?)null;
        if (checksums)
        {
            try
            {
                var summed = await client.QueryAsync(new ClickHouseQuery($"SELECT count() AS rows, sum(cityHash64(tuple(*))) AS checksum FROM {name}"),
                    TablesJson.Default.MeasureRow, cancellationToken).ConfigureAwait(false);
                return new TableFigures(row.Database, row.Name, row.Engine, summed[0].Rows, summed[0].Checksum ?? 0, null);
            }
            catch (ClickHouseServerException e)
            {
                note = $"checksum skipped: {OperationReports.Summary(e.ServerMessage)}";
            }
        }
        else if (row.TotalRows is { } known)
        {
            return new TableFigures(row.Database, row.Name, row.Engine, known, null, null);
        }

        try
        {
            var counted = await client.QueryAsync(new ClickHouseQuery($"SELECT count() AS rows, NULL AS checksum FROM {name}"),
                TablesJson.Default.MeasureRow, cancellationToken).ConfigureAwait(false);
            return new TableFigures(row.Database, row.Name, row.Engine, counted[0].Rows, null, note);
        }
        catch (ClickHouseServerException e)
        {
            return new TableFigures(row.Database, row.Name, row.Engine, null, null, $"not counted: {OperationReports.Summary(e.ServerMessage)}");
        }
    }

    private static TableName Name(TableRef table, string argument) =>
        new(SqlIdentifier.Create(table.Database, argument + ".database"), SqlIdentifier.Create(table.Table, argument + ".table"));
}

internal sealed record SystemTableRow(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("total_rows")] ulong? TotalRows);

internal sealed record DatabaseRow([property: JsonPropertyName("name")] string Name);

internal sealed record MeasureRow(
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("checksum")] ulong? Checksum);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SystemTableRow))]
[JsonSerializable(typeof(MeasureRow))]
[JsonSerializable(typeof(DatabaseRow))]
[JsonSerializable(typeof(SystemPartRow))]
[JsonSerializable(typeof(CheckRow))]
internal sealed partial class TablesJson : JsonSerializerContext;
