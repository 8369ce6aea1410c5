using System.Diagnostics;
using ClickVault.Cluster.Embedded.Launch;
using ClickVault.Cluster.Shared.ClickHouse;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// The baseline: ClickHouse's own BACKUP / RESTORE, the statements an agent would run but without <c>ASYNC</c>, started on
/// every node at once (what <c>ON CLUSTER</c> does). Each answers when its operation is done: no polling, which at 10 ms on
/// four nodes took enough of two cores to slow the baseline itself, and no poll interval added to it.
/// </summary>
public sealed class NativeOperations(BenchCluster cluster)
{
    /// <summary><c>BACKUP DATABASE {database}</c> on each node into a folder of its own; <paramref name="baseOf"/> makes it incremental.</summary>
    public Task<TimeSpan> BackupAsync(IReadOnlyList<NodeDescription> nodes, string database, Func<NodeDescription, string?>? baseOf = null) =>
        TogetherAsync(nodes, (node, id) => BackupSqlBuilder.Backup(new BackupRequest
        {
            Id = id,
            Destination = new DiskBackupDestination(cluster.Description.BackupDisk, $"bench-native/{id}/"),
            BaseBackup = baseOf?.Invoke(node) is { } prefix ? new DiskBackupDestination(cluster.Description.BackupDisk, prefix) : null,
            Databases = [new DatabaseTarget(SqlIdentifier.Create(database))],
            Async = false,
        }));

    /// <summary><c>RESTORE DATABASE {database} AS {asDatabase}</c> on each node from the backup folder <paramref name="sourceOf"/> names.</summary>
    public Task<TimeSpan> RestoreAsync(IReadOnlyList<NodeDescription> nodes, string database, string asDatabase, Func<NodeDescription, string> sourceOf) =>
        TogetherAsync(nodes, (node, id) => BackupSqlBuilder.Restore(new RestoreRequest
        {
            Id = id,
            Source = new DiskBackupDestination(cluster.Description.BackupDisk, sourceOf(node)),
            Databases = [new DatabaseTarget(SqlIdentifier.Create(database)) { As = SqlIdentifier.Create(asDatabase) }],
            Async = false,
        }));

    /// <summary>The wall time from the first statement sent to the last operation finished.</summary>
    private async Task<TimeSpan> TogetherAsync(IReadOnlyList<NodeDescription> nodes, Func<NodeDescription, string, SqlStatement> statement)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(nodes.Select(node =>
            cluster.Client(node).ExecuteAsync(new ClickHouseQuery(statement(node, $"native-{node.Name}-{Guid.NewGuid():N}").Text), default)));
        return clock.Elapsed;
    }
}
