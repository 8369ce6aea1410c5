using System.Text.Json;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Catalog;

public sealed class SidecarCompatibilityTests
{
    private const string VersionOne = """
        {"version":1,"backup_id":"20261122T020000Z-1","kind":"full","timestamp":"20261122T020000Z","base_backup_path":null,"status":"success",
         "total_size":100,"database":"shop","databases":["shop"],"started_at":"2026-11-22T02:00:00+00:00","finished_at":"2026-11-22T02:01:00+00:00",
         "cluster":"main","shard":"1","replica":"r1","run_id":"20261122T020000Z","num_files":3,"compressed_size":90,"uncompressed_size":100,
         "clickhouse_version":"26.5.1.1","chain_depth":0,"base_run_id":null}
        """;

    [Fact]
    public void A_version_1_sidecar_without_tables_reads_with_no_table_list()
    {
        var sidecar = JsonSerializer.Deserialize(VersionOne, CatalogJson.Default.BackupSidecar)!;

        Assert.Equal((1, "20261122T020000Z"), (sidecar.Version, sidecar.RunId));
        Assert.Null(sidecar.Tables);
    }

    [Fact]
    public void A_sidecar_with_tables_writes_them_as_snake_case_and_reads_them_back()
    {
        var sidecar = JsonSerializer.Deserialize(VersionOne, CatalogJson.Default.BackupSidecar)! with
        {
            Tables = [new BackupTableFigures("shop", "orders", "MergeTree", 10, 12, 99, 101, null)],
        };

        var json = JsonSerializer.Serialize(sidecar, CatalogJson.Default.BackupSidecar);
        var read = JsonSerializer.Deserialize(json, CatalogJson.Default.BackupSidecar)!;

        Assert.Contains("\"rows_after\": 12", json, StringComparison.Ordinal);
        Assert.Contains("\"checksum_after\": 101", json, StringComparison.Ordinal);
        Assert.Equal(sidecar.Tables, read.Tables);
        Assert.Equal(1, read.Version);
    }
}
