using ClickVault.Cluster.Coordinator.Planning;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Tests.Retention;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Restores;

public sealed class RestorePlannerTests
{
    private static readonly ShardId Shard = new("1");

    private static readonly IReadOnlyList<BackupTableFigures> Tables =
    [
        Table("shop", "orders"), Table("shop", "order_items"), Table("shop", "customers"), Table("logs", "events"),
    ];

    private static BackupTableFigures Table(string database, string table, string engine = "MergeTree") => new(database, table, engine, 1, null, 1, null, null);

    private static TableSelection Select(IReadOnlyList<string> patterns, string? asDatabase = null, IReadOnlyList<BackupTableFigures>? tables = null) =>
        RestorePlanner.Select(["shop", "logs"], tables ?? Tables, [.. patterns.Select(TablePattern.Parse)],
            asDatabase is null ? null : SqlIdentifier.Create(asDatabase), "backup R of shard 1");

    [Fact]
    public void The_runs_backup_or_else_the_newest_before_it_is_chosen()
    {
        var catalog = RetentionCatalog.Of(RetentionCatalog.Full("1101"), RetentionCatalog.Inc("1102", "1101"), RetentionCatalog.Inc("1104", "1102"));

        Assert.Equal(RetentionCatalog.Run("1104"), RestorePlanner.Resolve(catalog, null)!.RunId);
        Assert.Equal(RetentionCatalog.Run("1102"), RestorePlanner.Resolve(catalog, RetentionCatalog.Run("1102"))!.RunId);
        Assert.Equal(RetentionCatalog.Run("1102"), RestorePlanner.Resolve(catalog, RetentionCatalog.Run("1103"))!.RunId);
        Assert.Null(RestorePlanner.Resolve(catalog, RetentionCatalog.Run("1031")));
    }

    [Fact]
    public void The_chain_runs_from_the_full_to_the_backup_and_a_base_missing_from_the_catalog_refuses()
    {
        var full = RetentionCatalog.Full("1101");
        var inc = RetentionCatalog.Inc("1102", "1101");
        var inc2 = RetentionCatalog.Inc("1103", "1102");

        Assert.Equal([full, inc, inc2], RestorePlanner.Chain(RetentionCatalog.Of(full, inc, inc2), inc2, Shard));
        var e = Assert.Throws<RestoreRefusedException>(() => RestorePlanner.Chain(RetentionCatalog.Of(inc, inc2), inc2, Shard));
        Assert.Equal((404, "backup_missing"), (e.Status, e.Code));
        Assert.Contains($"its chain link {full.RunId} (base of {inc.RunId}) is not in the shard's catalog", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_patterns_whole_databases_restore_and_a_rename_needs_exactly_one()
    {
        var all = Select([]);

        Assert.Equal(["shop", "logs"], all.Databases);
        Assert.Empty(all.Tables);
        Assert.Same(Tables, all.Restored);
        Assert.Equal(["shop.*", "logs.*"], all.Describe());
        var e = Assert.Throws<RestoreRefusedException>(() => Select([], "copy"));
        Assert.Equal((400, "invalid_request"), (e.Status, e.Code));
        Assert.Contains("--as-database needs exactly one source database, but backup R of shard 1 holds 2: shop, logs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_matched_in_part_restores_as_a_database_except_the_rest_and_one_matched_whole_as_a_database()
    {
        var partial = Select(["shop.order*"], "copy");
        var both = Select(["shop.order*", "logs.*"]);

        Assert.Equal(["shop"], partial.Databases);
        Assert.Equal([new TableRef("shop", "customers")], partial.ExceptTables);
        Assert.Equal(["shop.order_items", "shop.orders"], partial.Restored!.Select(t => $"{t.Database}.{t.Table}"));
        Assert.Equal(["shop.* except customers"], partial.Describe());
        Assert.Equal(["logs", "shop"], both.Databases);
        Assert.Equal(["logs.*", "shop.* except customers"], both.Describe());
    }

    [Fact]
    public void Several_databases_matched_in_part_list_their_tables_one_by_one()
    {
        var tables = Tables.Append(Table("logs", "audit")).ToList();

        var selection = Select(["*.o?ders", "logs.ev*"], tables: tables);

        Assert.Empty(selection.Databases);
        Assert.Equal([new TableRef("logs", "events"), new TableRef("shop", "orders")], selection.Tables.OrderBy(t => t.Database));
        Assert.Empty(selection.ExceptTables);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_or_a_rename_of_two_databases_is_refused_naming_it()
    {
        var nothing = Assert.Throws<RestoreRefusedException>(() => Select(["shop.orders", "shop.nothing*"]));
        var two = Assert.Throws<RestoreRefusedException>(() => Select(["shop.orders", "logs.events"], "copy"));

        Assert.Equal(
            "--tables pattern 'shop.nothing*' matches no table of backup R of shard 1 (its tables: shop.orders, shop.order_items, shop.customers, logs.events)",
            nothing.Message);
        Assert.Equal("--as-database needs exactly one source database, but --tables matches tables of 2: logs, shop", two.Message);
    }

    [Fact]
    public void Patterns_need_the_backups_table_list()
    {
        var e = Assert.Throws<RestoreRefusedException>(() => RestorePlanner.Select(["shop"], null, [TablePattern.Parse("shop.*")], null, "backup R of shard 1"));

        Assert.Contains("backup R of shard 1 has no table list", e.Message, StringComparison.Ordinal);
        Assert.Null(RestorePlanner.Select(["shop"], null, [], null, "b").Restored);
    }

    [Fact]
    public void Auto_restores_one_replica_only_when_every_table_is_replicated()
    {
        ReplicaCandidate[] replicas = [new("r1", true, true, null), new("r2", true, true, null)];

        var replicated = RestorePlanner.Targets(ReplicaMode.Auto, [Table("shop", "a", "ReplicatedMergeTree"), Table("shop", "b", "ReplicatedSummingMergeTree")], replicas, ["r2"], Shard);
        var local = RestorePlanner.Targets(ReplicaMode.Auto, [Table("shop", "a", "ReplicatedMergeTree"), Table("shop", "v", "View")], replicas, [], Shard);
        var unknown = RestorePlanner.Targets(ReplicaMode.Auto, null, replicas, [], Shard);
        var one = RestorePlanner.Targets(ReplicaMode.One, null, replicas, [], Shard);

        Assert.Equal(["r2"], replicated.Replicas);
        Assert.Equal("one replica: every table is Replicated*, replication copies the rest; r2 as configured priority", replicated.Reason);
        Assert.Equal(["r1", "r2"], local.Replicas);
        Assert.Equal("every replica: shop.v is View, not replicated", local.Reason);
        Assert.Equal(["r1", "r2"], unknown.Replicas);
        Assert.Contains("no table list", unknown.Reason, StringComparison.Ordinal);
        Assert.Single(one.Replicas);
    }

    [Fact]
    public void Every_replica_must_be_healthy_when_all_restore()
    {
        ReplicaCandidate[] replicas = [new("r1", true, true, null), new("r2", false, true, null)];

        var e = Assert.Throws<RestoreRefusedException>(() => RestorePlanner.Targets(ReplicaMode.All, Tables, replicas, [], Shard));
        var none = Assert.Throws<RestoreRefusedException>(() => RestorePlanner.Targets(ReplicaMode.One, Tables, [new("r2", false, true, null)], [], Shard));

        Assert.Equal((409, "replica_unavailable"), (e.Status, e.Code));
        Assert.Contains("replica(s) r2 have no connected agent or no reachable ClickHouse", e.Message, StringComparison.Ordinal);
        Assert.Contains("--replicas one", e.Message, StringComparison.Ordinal);
        Assert.Equal("shard 1: no replica can restore: no agent of this shard is connected", none.Message);
        Assert.Equal(["r1"], RestorePlanner.Targets(ReplicaMode.One, Tables, replicas, [], Shard).Replicas);
    }

    [Fact]
    public void Only_target_tables_count_non_empty_ones_conflict_and_every_existing_one_is_replaced()
    {
        TableFigures[] inspected =
        [
            new("copy", "orders", "MergeTree", 5, null, null), new("copy", "order_items", "MergeTree", 0, null, null),
            new("copy", "unrelated", "MergeTree", 9, null, null), new("copy", "v", "View", null, null, "not measured"),
        ];
        var selection = Select(["shop.order*"], "copy");

        var targets = RestorePlanner.TargetTables(selection, SqlIdentifier.Create("copy"));
        var check = RestorePlanner.Check(targets, inspected);
        var unknown = RestorePlanner.Check(null, inspected);

        Assert.Equal(["copy"], RestorePlanner.TargetDatabases(selection, SqlIdentifier.Create("copy")));
        Assert.Equal(["orders"], check.Conflicts.Select(t => t.Table));
        Assert.Equal(["orders", "order_items"], check.Existing.Select(t => t.Table));
        Assert.Equal(["orders", "unrelated"], unknown.Conflicts.Select(t => t.Table));
        Assert.Equal(4, unknown.Existing.Count);
        Assert.Equal("shard 1 r1: copy.orders (5 rows)", RestorePlanner.Describe(Shard, "r1", inspected[0]));
    }

    [Theory]
    [InlineData("""{"run":"yesterday"}""", "run 'yesterday' is neither 'latest' nor a run id")]
    [InlineData("""{"run":"latest","shards":["a b"]}""", "shards: shard id 'a b' is invalid")]
    [InlineData("""{"run":"latest","as_database":""}""", "as_database: Invalid SQL identifier")]
    [InlineData("""{"run":"latest","replicas":"some"}""", "replicas 'some' is not one of one, all, auto")]
    [InlineData("""{"run":"latest","tables":["orders"]}""", "tables pattern 'orders' is not database.table")]
    [InlineData("""{"run":"latest","with_access":"overwrite"}""", "with_access 'overwrite' is not one of create, create-if-not-exists, replace")]
    public void Bad_requests_are_refused_naming_the_field(string json, string message)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize(json, RestoreApiJson.Default.StartRestoreRequest)!;

        var e = Assert.Throws<RestoreRefusedException>(() => RestoreOptions.Parse(request));

        Assert.Equal((400, "invalid_request"), (e.Status, e.Code));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_request_parses_into_options()
    {
        var options = RestoreOptions.Parse(new StartRestoreRequest("20261122T020000Z", ["2", "1", "2"], ["shop.o*", "shop.o*"], "copy", true, true, "all"));

        Assert.Equal((RunId.Parse("20261122T020000Z"), "20261122T020000Z"), (options.Run!.Value, options.RunText));
        Assert.Equal([new ShardId("2"), new ShardId("1")], options.Shards);
        Assert.Equal([new TablePattern("shop.o*")], options.Tables);
        Assert.Equal(("copy", true, true, ReplicaMode.All), (options.AsDatabase!.Value.Value, options.Replace, options.DryRun, options.Replicas));
        Assert.Equal((null, "latest", ReplicaMode.Auto), (RestoreOptions.Parse(new StartRestoreRequest("latest")).Run, RestoreOptions.Parse(new StartRestoreRequest("latest")).RunText,
            RestoreOptions.Parse(new StartRestoreRequest("latest")).Replicas));
        Assert.Null(RestoreOptions.Parse(new StartRestoreRequest("latest")).AccessEntities);
        Assert.Equal(Shared.Sql.AccessCreationMode.CreateIfNotExists,
            RestoreOptions.Parse(new StartRestoreRequest("latest", WithAccess: "create-if-not-exists")).AccessEntities);
    }
}
