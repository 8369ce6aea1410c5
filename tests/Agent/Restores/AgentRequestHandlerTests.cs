using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Restores;

public sealed class AgentRequestHandlerTests
{
    private static readonly RequestId Id = new("req-1");
    private readonly InMemoryLocalTables _tables = new();
    private readonly AgentRequestHandler _handler;

    public AgentRequestHandlerTests() => _handler = new AgentRequestHandler(_tables, new DestinationOptions(), NullLogger<AgentRequestHandler>.Instance);

    [Fact]
    public async Task Every_request_gets_one_reply_of_its_id()
    {
        _tables.Set("shop", "orders", "MergeTree", 3);
        var spec = new RestoreSpec(new DestinationSpec(DestinationKind.Disk, "k/"), ["shop"], [], [], null);

        var rendered = Assert.IsType<RestoreRendered>(await _handler.AnswerAsync(new RenderRestore(Id, new OperationId("restore-x"), spec), default));
        var inspected = Assert.IsType<TablesInspected>(await _handler.AnswerAsync(new InspectTables(Id, ["shop"], Checksums: false), default));
        var listed = Assert.IsType<DatabasesListed>(await _handler.AnswerAsync(new ListDatabases(Id, "sh"), default));
        var dropped = Assert.IsType<TablesDropped>(await _handler.AnswerAsync(new DropTables(Id, [new TableRef("shop", "orders")], ["shop"]), default));

        Assert.Equal((Id, "shop", null), (listed.RequestId, Assert.Single(listed.Databases), listed.Error));
        Assert.Equal((Id, "RESTORE DATABASE `shop` FROM Disk('backups', 'k/') SETTINGS id = 'restore-x' ASYNC", null), (rendered.RequestId, rendered.Sql, rendered.Error));
        Assert.Equal((Id, 3UL, null), (inspected.RequestId, Assert.Single(inspected.Tables).Rows!.Value, inspected.Error));
        Assert.Equal((Id, "shop", null), (dropped.RequestId, Assert.Single(dropped.Databases), dropped.Error));
        Assert.Empty(await _tables.InspectAsync(["shop"], false, default));
    }

    [Fact]
    public async Task Inspecting_parts_checks_integrity_and_with_checksums_counts_by_reading()
    {
        _tables.Set("scratch", "orders", "MergeTree", 3);
        _tables.Set("scratch", "broken", "MergeTree", 2);
        _tables.Damage("scratch", "broken");

        var parts = Assert.IsType<TablesInspected>(await _handler.AnswerAsync(new InspectTables(Id, ["scratch"], Checksums: false) { Parts = true }, default));
        var content = Assert.IsType<TablesInspected>(await _handler.AnswerAsync(new InspectTables(Id, ["scratch"], Checksums: true) { Parts = true }, default));

        Assert.Equal([("broken", false), ("orders", true)], parts.Tables.Select(t => (t.Table, t.Integrity!.Passed)));
        Assert.All(parts.Tables, t => Assert.Single(t.Parts!));
        Assert.All(parts.Tables, t => Assert.Null(t.Checksum));
        Assert.All(content.Tables, t => Assert.NotNull(t.Checksum));
        Assert.Equal([2UL, 3UL], content.Tables.Select(t => t.Rows!.Value));
        Assert.All(content.Tables, t => Assert.NotNull(t.Parts));
    }

    [Fact]
    public async Task A_request_that_cannot_be_done_is_answered_with_the_reason_never_thrown()
    {
        var spec = new RestoreSpec(new DestinationSpec(DestinationKind.S3, "k/"), ["shop"], [], [], null);

        var rendered = Assert.IsType<RestoreRendered>(await _handler.AnswerAsync(new RenderRestore(Id, new OperationId("restore-x"), spec), default));
        var inspected = Assert.IsType<TablesInspected>(await _handler.AnswerAsync(new InspectTables(Id, ["bad\u0000name"], Checksums: false), default));
        var dropped = Assert.IsType<TablesDropped>(await _handler.AnswerAsync(new DropTables(Id, [new TableRef("shop", "")], []), default));
        var listed = Assert.IsType<DatabasesListed>(await _handler.AnswerAsync(new ListDatabases(Id, ""), default));

        Assert.Null(rendered.Sql);
        Assert.Contains("its source is on S3 but this agent has no S3 settings", rendered.Error, StringComparison.Ordinal);
        Assert.StartsWith("cannot inspect the tables: Invalid SQL identifier", inspected.Error, StringComparison.Ordinal);
        Assert.Empty(inspected.Tables);
        Assert.StartsWith("nothing dropped: Invalid SQL identifier", dropped.Error, StringComparison.Ordinal);
        Assert.Empty(listed.Databases);
        Assert.StartsWith("cannot list the databases: ", listed.Error, StringComparison.Ordinal);
        Assert.Contains("'prefix'", listed.Error, StringComparison.Ordinal);
    }
}
