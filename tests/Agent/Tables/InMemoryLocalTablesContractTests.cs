using ClickVault.Cluster.Agent.Tables;

namespace ClickVault.Cluster.Agent.Tests.Tables;

public sealed class InMemoryLocalTablesContractTests : LocalTablesContract
{
    private readonly InMemoryLocalTables _tables = new();

    protected override ILocalTables Tables => _tables;

    protected override Task CreateTableAsync(string table, ulong rows)
    {
        _tables.Set(Database, table, "MergeTree", rows);
        return Task.CompletedTask;
    }

    protected override Task CreateViewAsync(string view, string table)
    {
        _tables.Set(Database, view, "View", 0);
        return Task.CompletedTask;
    }
}
