using System.Globalization;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Agent.Tables;

/// <summary>Tables from metadata only: <c>system.tables</c> and <c>system.parts</c>, O(parts); CHECK TABLE only when asked.</summary>
public sealed partial class ClickHouseLocalTables
{
    /// <summary>ClickHouse's NOT_IMPLEMENTED: CHECK TABLE is not supported by the engine (Memory, for one).</summary>
    private const int NotImplemented = 48;

    public async Task<IReadOnlyList<TableFigures>> SnapshotAsync(IReadOnlyList<string> databases, bool integrity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var tables = await TablesOfAsync(databases, cancellationToken).ConfigureAwait(false);
        var parts = (await client.QueryAsync(new ClickHouseQuery(
                "SELECT database, table, name, rows, bytes_on_disk, hash_of_all_files, active FROM system.parts " +
                "WHERE database IN {databases:Array(String)} ORDER BY database, table, name")
            {
                Parameters = [QueryParameter.Array("databases", [.. tables.Select(t => t.Database).Distinct(StringComparer.Ordinal)])],
            }, TablesJson.Default.SystemPartRow, cancellationToken).ConfigureAwait(false))
            .ToLookup(p => (p.Database, p.Table));

        var figures = new List<TableFigures>(tables.Count);
        foreach (var row in tables)
        {
            var figure = Snapshot(row, parts[(row.Database, row.Name)]);
            figures.Add(integrity && TableEngines.HoldsData(row.Engine)
                ? figure with { Integrity = await CheckAsync(row, cancellationToken).ConfigureAwait(false) }
                : figure);
        }

        return figures;
    }

    private static TableFigures Snapshot(SystemTableRow row, IEnumerable<SystemPartRow> parts)
    {
        if (!TableEngines.HoldsData(row.Engine))
        {
            return new TableFigures(row.Database, row.Name, row.Engine, null, null, TableEngines.NotMeasured(row.Engine));
        }

        if (!TableEngines.HasParts(row.Engine))
        {
            return new TableFigures(row.Database, row.Name, row.Engine, row.TotalRows, null,
                row.TotalRows is null ? $"rows not recorded: engine {row.Engine} reports no row count without reading the table" : null);
        }

        IReadOnlyList<PartFigures> listed = [.. parts.Select(p => new PartFigures(p.Name, p.Rows, p.Bytes, p.Hash) { Active = p.Active != 0 })];
        var rows = listed.Where(p => p.Active == true).Aggregate(0UL, (total, p) => total + p.Rows);
        return new TableFigures(row.Database, row.Name, row.Engine, rows, null, null) { Parts = listed };
    }

    /// <summary>CHECK TABLE, part by part; null when the engine does not support it.</summary>
    private async Task<TableIntegrity?> CheckAsync(SystemTableRow row, CancellationToken cancellationToken)
    {
        var name = new TableName(SqlIdentifier.Create(row.Database), SqlIdentifier.Create(row.Name)).Quote();
        try
        {
            var checks = await client.QueryAsync(new ClickHouseQuery($"CHECK TABLE {name} SETTINGS check_query_single_value_result = 0"),
                TablesJson.Default.CheckRow, cancellationToken).ConfigureAwait(false);
            var failed = checks.Where(c => c.Passed == 0).ToList();
            return failed.Count == 0
                ? new TableIntegrity(true, string.Create(CultureInfo.InvariantCulture, $"{checks.Count} checked"))
                : new TableIntegrity(false, string.Join("; ", failed.Take(3).Select(f => $"{f.Path}: {f.Message}")));
        }
        catch (ClickHouseServerException e) when (e.Code == NotImplemented)
        {
            return null;
        }
        catch (ClickHouseServerException e)
        {
            return new TableIntegrity(false, $"CHECK TABLE failed: {OperationReports.Summary(e.ServerMessage)}");
        }
    }
}

internal sealed record SystemPartRow(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rows")] ulong Rows,
    [property: JsonPropertyName("bytes_on_disk")] ulong Bytes,
    [property: JsonPropertyName("hash_of_all_files")] string Hash,
    [property: JsonPropertyName("active")] int Active);

internal sealed record CheckRow(
    [property: JsonPropertyName("part_path")] string Path,
    [property: JsonPropertyName("is_passed")] int Passed,
    [property: JsonPropertyName("message")] string Message);
