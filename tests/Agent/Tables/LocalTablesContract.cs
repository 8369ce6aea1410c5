using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Tables;

/// <summary>What every <see cref="ILocalTables"/> must do, run against the embedded node and against the in-memory twin.</summary>
public abstract class LocalTablesContract
{
    protected string Database { get; } = "tables_contract_" + Guid.NewGuid().ToString("N")[..8];

    protected abstract ILocalTables Tables { get; }

    /// <summary>A MergeTree table of <paramref name="rows"/> rows whose content depends only on the row count.</summary>
    protected abstract Task CreateTableAsync(string table, ulong rows);

    protected abstract Task CreateViewAsync(string view, string table);

    [Fact]
    public async Task Inspecting_lists_every_table_of_the_databases_in_order_with_engine_and_rows()
    {
        await CreateTableAsync("b", 5);
        await CreateTableAsync("a", 0);
        await CreateViewAsync("v", "b");

        var tables = await Tables.InspectAsync([Database, "no_such_database_" + Guid.NewGuid().ToString("N")[..8]], checksums: false, CancellationToken.None);

        Assert.Equal(
        [
            new TableFigures(Database, "a", "MergeTree", 0, null, null),
            new TableFigures(Database, "b", "MergeTree", 5, null, null),
            new TableFigures(Database, "v", "View", null, null, "not measured: engine View holds no data of its own"),
        ], tables);
    }

    [Fact]
    public async Task Checksums_are_summed_when_asked_and_follow_the_content()
    {
        await CreateTableAsync("b", 5);
        await CreateTableAsync("c", 5);
        await CreateTableAsync("d", 6);

        var tables = await Tables.InspectAsync([Database], checksums: true, CancellationToken.None);

        Assert.All(tables, t => Assert.NotNull(t.Checksum));
        Assert.Equal(tables[0].Checksum, tables[1].Checksum);
        Assert.NotEqual(tables[0].Checksum, tables[2].Checksum);
        Assert.Equal([5UL, 5UL, 6UL], tables.Select(t => t.Rows!.Value));
    }

    [Fact]
    public async Task A_snapshot_reads_rows_and_parts_from_metadata_and_sums_nothing()
    {
        await CreateTableAsync("a", 0);
        await CreateTableAsync("b", 5);
        await CreateTableAsync("c", 5);
        await CreateViewAsync("v", "b");

        var tables = await Tables.SnapshotAsync([Database], integrity: false, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "v"], tables.Select(t => t.Table));
        Assert.All(tables, t => Assert.Null(t.Checksum));
        Assert.All(tables, t => Assert.Null(t.Integrity));
        Assert.Equal((0UL, 0), (tables[0].Rows!.Value, tables[0].Parts!.Count));
        Assert.Equal(5UL, tables[1].Rows);
        Assert.Equal(5UL, tables[1].Parts!.Where(p => p.Active == true).Aggregate(0UL, (n, p) => n + p.Rows));
        Assert.All(tables[1].Parts!, p => Assert.Matches("^[0-9a-f]{32}$", p.Hash));
        // The same content makes byte-identical parts: what verification relies on to prove a restore.
        Assert.Equal(tables[1].Parts!.Select(p => p.Hash), tables[2].Parts!.Select(p => p.Hash));
        Assert.Equal(("View", (ulong?)null, "not measured: engine View holds no data of its own"), (tables[3].Engine, tables[3].Rows, tables[3].Note));
        Assert.Null(tables[3].Parts);
    }

    [Fact]
    public async Task A_snapshot_with_integrity_checks_every_table_that_holds_data()
    {
        await CreateTableAsync("b", 5);
        await CreateViewAsync("v", "b");

        var tables = await Tables.SnapshotAsync([Database], integrity: true, CancellationToken.None);

        Assert.True(tables[0].Integrity!.Passed, tables[0].Integrity!.Detail);
        Assert.Null(tables[1].Integrity);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Tables.SnapshotAsync([Database, "bad\nname"], false, CancellationToken.None));
    }

    [Fact]
    public async Task Dropping_removes_tables_then_databases_and_reports_what_was_dropped()
    {
        await CreateTableAsync("a", 1);
        await CreateTableAsync("b", 2);

        var tables = await Tables.DropAsync([new TableRef(Database, "b"), new TableRef(Database, "never_was")], [], CancellationToken.None);
        var left = await Tables.InspectAsync([Database], checksums: false, CancellationToken.None);
        var database = await Tables.DropAsync([], [Database], CancellationToken.None);
        var none = await Tables.InspectAsync([Database], checksums: false, CancellationToken.None);

        Assert.Equal([new TableRef(Database, "b"), new TableRef(Database, "never_was")], tables.Tables);
        Assert.Equal((0, (string?)null), (tables.Databases.Count, tables.Error));
        Assert.Equal(["a"], left.Select(t => t.Table));
        Assert.Equal([Database], database.Databases);
        Assert.Null(database.Error);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Databases_are_listed_by_name_prefix_in_order()
    {
        await CreateTableAsync("a", 1);

        var listed = await Tables.DatabasesAsync("tables_contract_", CancellationToken.None);
        var exact = await Tables.DatabasesAsync(Database, CancellationToken.None);
        var none = await Tables.DatabasesAsync("no_such_prefix_" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);

        Assert.Contains(Database, listed);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.All(listed, d => Assert.StartsWith("tables_contract_", d, StringComparison.Ordinal));
        Assert.Equal([Database], exact);
        Assert.Empty(none);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Tables.DatabasesAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task Bad_names_are_refused_before_anything_runs()
    {
        await CreateTableAsync("a", 1);

        var inspect = await Assert.ThrowsAnyAsync<ArgumentException>(() => Tables.InspectAsync([Database, "bad\nname"], false, CancellationToken.None));
        var drop = await Assert.ThrowsAnyAsync<ArgumentException>(() => Tables.DropAsync([new TableRef(Database, "a"), new TableRef(Database, "")], [], CancellationToken.None));

        Assert.Equal("databases[1]", inspect.ParamName);
        Assert.Equal("tables[1].table", drop.ParamName);
        Assert.Single(await Tables.InspectAsync([Database], false, CancellationToken.None));
    }
}
