using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Testing.Embedded;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Tables;

[Collection(SingleNodeCollection.Name)]
public sealed class ClickHouseLocalTablesContractTests : LocalTablesContract, IAsyncLifetime
{
    private readonly IClickHouseClient _client;

    public ClickHouseLocalTablesContractTests(SingleNodeFixture fixture)
    {
        _client = fixture.ClientFor(fixture.Node);
        Tables = new ClickHouseLocalTables(_client);
    }

    protected override ILocalTables Tables { get; }

    public Task InitializeAsync() => ExecuteAsync($"CREATE DATABASE {Database}");

    public Task DisposeAsync() => ExecuteAsync($"DROP DATABASE IF EXISTS {Database}");

    protected override async Task CreateTableAsync(string table, ulong rows)
    {
        await ExecuteAsync($"CREATE TABLE {Database}.{table} (id UInt64, s String) ENGINE = MergeTree ORDER BY id");
        await ExecuteAsync($"INSERT INTO {Database}.{table} SELECT number, toString(number) FROM numbers({rows})");
    }

    protected override Task CreateViewAsync(string view, string table) => ExecuteAsync($"CREATE VIEW {Database}.{view} AS SELECT * FROM {Database}.{table}");

    [Fact]
    public async Task Rows_holding_a_null_count_in_the_checksum()
    {
        await ExecuteAsync($"CREATE TABLE {Database}.with_null (id UInt64, note Nullable(String)) ENGINE = MergeTree ORDER BY id");
        await ExecuteAsync($"CREATE TABLE {Database}.without (id UInt64, note Nullable(String)) ENGINE = MergeTree ORDER BY id");
        await ExecuteAsync($"INSERT INTO {Database}.with_null VALUES (1, NULL), (2, 'a')");
        await ExecuteAsync($"INSERT INTO {Database}.without VALUES (2, 'a')");

        var tables = await Tables.InspectAsync([Database], checksums: true, CancellationToken.None);

        Assert.Equal([2UL, 1UL], tables.Select(t => t.Rows!.Value));
        Assert.NotEqual(tables[0].Checksum, tables[1].Checksum);
    }

    [Fact]
    public async Task A_table_that_cannot_be_read_is_listed_with_unknown_rows_and_the_reason()
    {
        await ExecuteAsync($"CREATE TABLE {Database}.keys (id UInt64) ENGINE = Set");
        await ExecuteAsync($"INSERT INTO {Database}.keys VALUES (1)");

        var table = Assert.Single(await Tables.InspectAsync([Database], checksums: true, CancellationToken.None));

        Assert.Equal(("Set", null, null), (table.Engine, table.Rows, table.Checksum));
        Assert.StartsWith("not counted: ", table.Note, StringComparison.Ordinal);
    }

    private Task ExecuteAsync(string sql) => _client.ExecuteAsync(new ClickHouseQuery(sql), CancellationToken.None);
}
